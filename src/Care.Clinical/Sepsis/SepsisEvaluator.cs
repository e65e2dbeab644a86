using Care.Clinical.Challenge2019;
using Care.Clinical.Sepsis.Boosting;

namespace Care.Clinical.Sepsis;

/// <summary>
/// Evaluates sepsis models with the Challenge utility, AUROC, AUPRC and alarm burden, beside the
/// NEWS2 and qSOFA baselines on the same patients: patient-level cross-validation
/// (<see cref="CrossValidate"/>) or a trained model on given patients (<see cref="Evaluate"/>).
/// </summary>
public static class SepsisEvaluator
{
    private static readonly double[] CalibrationEdges = [0, 0.01, 0.02, 0.05, 0.1, 0.2, 0.3, 0.5, 0.7, 1.0];

    /// <summary>Scores <paramref name="model"/> on every patient (no training).</summary>
    public static SepsisReport Evaluate(SepsisModel model, IReadOnlyList<PatientRecord> patients, int threads = 2)
    {
        ArgumentNullException.ThrowIfNull(model);
        var table = FeatureTable.Build(patients, threads, model.Inputs);
        var all = Enumerable.Range(0, patients.Count).ToArray();
        var sink = new Pooled();
        var fold = Score(model, table, all, sink);
        return new SepsisReport(fold.Model, fold.News2, fold.Qsofa, sink.Table(), []);
    }

    /// <summary>
    /// <paramref name="folds"/>-fold patient-level cross-validation: for each fold a model is trained
    /// (with <paramref name="seed"/>) on the other folds only — its threshold chosen on a holdout of
    /// those — and scored on the fold; results are pooled over all folds. With
    /// <paramref name="inputs"/> other than <see cref="SepsisInputSet.Full"/> the models and the
    /// NEWS2/qSOFA baselines see only those columns.
    /// </summary>
    public static SepsisReport CrossValidate(IReadOnlyList<PatientRecord> patients, int folds, ulong seed, BoostingOptions? options = null, IProgress<string>? progress = null, SepsisInputSet inputs = SepsisInputSet.Full)
    {
        ArgumentNullException.ThrowIfNull(patients);
        var opts = (options ?? SepsisTrainer.DefaultOptions) with { Seed = seed };
        var fold = Folds.Assign(patients, folds, seed);
        progress?.Report($"features of {patients.Count} patients");
        var table = FeatureTable.Build(patients, opts.Threads, inputs);
        var model = new EvaluationAccumulator();
        var news = new EvaluationAccumulator();
        var qsofa = new EvaluationAccumulator();
        var sink = new Pooled(model, news, qsofa);
        var results = new List<FoldResult>();
        for (int k = 0; k < folds; k++)
        {
            var train = Enumerable.Range(0, patients.Count).Where(p => fold[p] != k).ToArray();
            var test = Enumerable.Range(0, patients.Count).Where(p => fold[p] == k).ToArray();
            var trained = SepsisTrainer.Train(table, train, opts, progress, $"fold {k + 1}/{folds}: ", inputs);
            var r = Score(trained, table, test, sink);
            results.Add(r with { Fold = k });
            progress?.Report($"fold {k + 1}/{folds}: utility {r.Model.Utility.Normalised:F3}, AUROC {r.Model.Auroc:F3}");
        }
        return new SepsisReport(model.Result(), news.Result(), qsofa.Result(), sink.Table(), results);
    }

    /// <summary>Hourly NEWS2 ≥ 5 alarm from a feature vector.</summary>
    public static bool News2Alarm(ReadOnlySpan<float> features) => features[SepsisFeatures.News2] >= 5;

    /// <summary>Hourly qSOFA ≥ 2 alarm from a feature vector.</summary>
    public static bool QsofaAlarm(ReadOnlySpan<float> features) => features[SepsisFeatures.Qsofa] >= 2;

    private static FoldResult Score(SepsisModel model, FeatureTable table, int[] patients, Pooled sink)
    {
        var m = new EvaluationAccumulator();
        var n = new EvaluationAccumulator();
        var q = new EvaluationAccumulator();
        foreach (int p in patients)
        {
            var record = table.Patients[p];
            int hours = record.Hours;
            var prob = new float[hours];
            var alarm = new bool[hours];
            var newsScore = new float[hours];
            var newsAlarm = new bool[hours];
            var qScore = new float[hours];
            var qAlarm = new bool[hours];
            for (int t = 0; t < hours; t++)
            {
                var x = table.Row(table.Offsets[p] + t);
                double margin = model.Trees.Margin(x);
                alarm[t] = model.Alarms(margin);
                // Rank metrics use the margin (the calibration is monotone but has flat steps).
                prob[t] = (float)margin;
                newsScore[t] = x[SepsisFeatures.News2];
                newsAlarm[t] = News2Alarm(x);
                qScore[t] = x[SepsisFeatures.Qsofa];
                qAlarm[t] = QsofaAlarm(x);
                sink.AddCalibration(model.Probability(margin), record.Labels[t]);
            }
            m.Add(record.Labels, prob, alarm);
            n.Add(record.Labels, newsScore, newsAlarm);
            q.Add(record.Labels, qScore, qAlarm);
            sink.Add(record.Labels, prob, alarm, newsScore, newsAlarm, qScore, qAlarm);
        }
        return new FoldResult(0, m.Result(), n.Result(), q.Result(), model.AlarmMargin, model.AlarmScore);
    }

    private sealed class Pooled(EvaluationAccumulator? model = null, EvaluationAccumulator? news = null, EvaluationAccumulator? qsofa = null)
    {
        private readonly long[] _hours = new long[CalibrationEdges.Length - 1];
        private readonly double[] _predicted = new double[CalibrationEdges.Length - 1];
        private readonly long[] _positives = new long[CalibrationEdges.Length - 1];

        public void Add(ReadOnlySpan<bool> labels, float[] prob, bool[] alarm, float[] newsScore, bool[] newsAlarm, float[] qScore, bool[] qAlarm)
        {
            model?.Add(labels, prob, alarm);
            news?.Add(labels, newsScore, newsAlarm);
            qsofa?.Add(labels, qScore, qAlarm);
        }

        public void AddCalibration(double p, bool label)
        {
            int i = 0;
            while (i < _hours.Length - 1 && p >= CalibrationEdges[i + 1])
            {
                i++;
            }
            _hours[i]++;
            _predicted[i] += p;
            _positives[i] += label ? 1 : 0;
        }

        public CalibrationRow[] Table() =>
        [
            .. Enumerable.Range(0, _hours.Length).Where(i => _hours[i] > 0).Select(i => new CalibrationRow(
                CalibrationEdges[i], CalibrationEdges[i + 1], _hours[i], _predicted[i] / _hours[i], _positives[i] / (double)_hours[i])),
        ];
    }
}
