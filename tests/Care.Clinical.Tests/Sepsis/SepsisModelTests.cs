using Care.Clinical.Challenge2019;
using Care.Clinical.Sepsis;
using Care.Clinical.Sepsis.Boosting;
using Care.Testing;

namespace Care.Clinical.Tests.Sepsis;

public sealed class SepsisModelTests
{
    internal static readonly BoostingOptions Quick = new() { Rounds = 25, MaxLeaves = 8, MinLeafRows = 20, LearningRate = 0.2 };

    private static string Text(SepsisModel model)
    {
        var w = new StringWriter();
        model.Write(w);
        return w.ToString();
    }

    [Fact]
    public void Training_on_set_A_subset_is_reproducible_from_the_seed()
    {
        var folder = SharedData.RequireFolder("sepsis2019");
        var records = ChallengeReader.ReadAll(Path.Combine(folder, "training_setA.tar.gz"), maxPatients: 400);
        var a = Text(SepsisTrainer.Train(records, 1, Quick));
        var b = Text(SepsisTrainer.Train(records, 1, Quick));
        var c = Text(SepsisTrainer.Train(records, 2, Quick));
        Assert.Equal(a, b);
        Assert.NotEqual(a, c);
    }

    [Fact]
    public void Streaming_scorer_matches_batch_margins_and_explains_every_output()
    {
        var records = SepsisTestData.Synthetic(80, hours: 40, seed: 1);
        var model = SepsisTrainer.Train(records, 3, Quick);
        var copy = SepsisModel.Read(new StringReader(Text(model)), "copy");
        Assert.Equal(Text(model), Text(copy));
        var scorer = new SepsisStreamScorer(copy);
        var state = new SepsisFeatureState();
        var features = new float[SepsisFeatures.Count];
        var record = records[0];
        for (int t = 0; t < record.Hours; t++)
        {
            var risk = scorer.Update(record.Row(t));
            state.Update(record.Row(t), features);
            double margin = model.Trees.Margin(features);
            Assert.Equal(t, risk.Hour);
            Assert.Equal(model.Alarms(margin), risk.Alarm);
            Assert.Equal(model.Score(margin), risk.Score);
            Assert.Equal(model.LevelOf(risk.Score), risk.Level);
            Assert.InRange(risk.Score, 0, 100);
            Assert.InRange(risk.Probability, risk.ProbabilityLow, risk.ProbabilityHigh);
            Assert.Contains("does not replace", risk.Notice, StringComparison.Ordinal);
            Assert.True(risk.TopContributions.Count <= 5);
            for (int i = 1; i < risk.TopContributions.Count; i++)
            {
                Assert.True(Math.Abs(risk.TopContributions[i - 1].LogOdds) >= Math.Abs(risk.TopContributions[i].LogOdds));
            }
        }
    }

    [Fact]
    public void Septic_synthetic_stays_score_higher_than_quiet_ones_after_the_drift()
    {
        var records = SepsisTestData.Synthetic(120, hours: 40, seed: 2);
        var model = SepsisTrainer.Train(records, 1, Quick);
        var test = SepsisTestData.Synthetic(40, hours: 40, seed: 9);
        var report = SepsisEvaluator.Evaluate(model, test, threads: 1);
        Assert.True(report.Model.Auroc > 0.9, $"AUROC {report.Model.Auroc}");
        Assert.True(report.Model.Utility.Normalised > 0.3, $"utility {report.Model.Utility.Normalised}");
        Assert.Equal(40, report.Model.Patients);
    }

    [Fact]
    public void Calibration_rates_rise_with_the_margin_and_intervals_contain_them()
    {
        var records = SepsisTestData.Synthetic(100, hours: 40, seed: 3);
        var model = SepsisTrainer.Train(records, 1, Quick);
        var bins = model.CalibrationBins;
        for (int i = 1; i < bins.Count; i++)
        {
            Assert.True(bins[i].Rate > bins[i - 1].Rate);
            Assert.True(bins[i].UpperMargin > bins[i - 1].UpperMargin);
        }
        foreach (var b in bins)
        {
            var (low, high) = b.Interval();
            Assert.InRange(b.Rate, low, high);
        }
    }

    [Fact]
    public void Model_file_with_another_feature_set_is_rejected()
    {
        var records = SepsisTestData.Synthetic(40, hours: 30, seed: 4);
        var text = Text(SepsisTrainer.Train(records, 1, Quick with { Rounds = 2 })).Replace("featureNames HR,", "featureNames XX,", StringComparison.Ordinal);
        var e = Assert.Throws<Care.Core.Errors.InvalidInputException>(() => SepsisModel.Read(new StringReader(text), "old.model"));
        Assert.Contains("old.model line 6", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Folds_put_each_patient_in_one_fold_with_septic_stays_spread_evenly()
    {
        var records = SepsisTestData.Synthetic(103, hours: 10, seed: 5);
        var folds = Folds.Assign(records, 5, 1);
        Assert.All(folds, f => Assert.InRange(f, 0, 4));
        var septicPerFold = Enumerable.Range(0, 5).Select(k => records.Where((r, p) => r.IsSeptic && folds[p] == k).Count()).ToArray();
        Assert.True(septicPerFold.Max() - septicPerFold.Min() <= 1);
        Assert.NotEqual(folds, Folds.Assign(records, 5, 2));
        Assert.Equal(folds, Folds.Assign(records, 5, 1));
    }

    [Fact]
    public void Cross_validation_scores_every_patient_once_with_baselines_on_the_same_patients()
    {
        var records = SepsisTestData.Synthetic(60, hours: 30, seed: 6);
        var report = SepsisEvaluator.CrossValidate(records, 3, 1, Quick with { Threads = 1 });
        Assert.Equal(60, report.Model.Patients);
        Assert.Equal(60, report.News2.Patients);
        Assert.Equal(60, report.Qsofa.Patients);
        Assert.Equal(3, report.Folds.Count);
        Assert.Equal(60, report.Folds.Sum(f => f.Model.Patients));
        Assert.Equal(report.Model.Hours, report.Calibration.Sum(r => r.Hours));
    }
}
