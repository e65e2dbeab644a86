using Care.Clinical.Challenge2019;
using Care.Clinical.Sepsis.Boosting;

namespace Care.Clinical.Sepsis;

/// <summary>
/// Trains a <see cref="SepsisModel"/>: the patients are split (seeded, stratified by sepsis) into
/// 80 % to fit the trees and 20 % held out to choose the alarm threshold (maximum Challenge utility)
/// and fit the calibration. Same patients, options and seed give a bit-identical model.
/// </summary>
public static class SepsisTrainer
{
    /// <summary>Share of training patients held out for threshold and calibration.</summary>
    public const double HoldoutFraction = 0.2;

    /// <summary>
    /// Default boosting options of the shipped model: at most 600 trees at learning rate 0.03, stopped
    /// 40 rounds after the holdout log-loss stops improving (chosen on a development protocol: 3-fold
    /// CV with seed 2 on the first 10,000 patients of set A; see docs/validation.md).
    /// </summary>
    public static BoostingOptions DefaultOptions { get; } = new() { Rounds = 600, LearningRate = 0.03, EarlyStoppingRounds = 40 };

    /// <summary>Trains on <paramref name="patients"/> with <paramref name="seed"/>.</summary>
    /// <param name="patients">Training stays (at least 10, some septic).</param>
    /// <param name="seed">Seed of the split and of the boosting's sampling.</param>
    /// <param name="options">Boosting options; <see cref="DefaultOptions"/> when null (its seed is replaced by <paramref name="seed"/>).</param>
    /// <param name="progress">Receives progress messages.</param>
    /// <param name="inputs">Input columns the model may read; the others are treated as never measured.</param>
    public static SepsisModel Train(IReadOnlyList<PatientRecord> patients, ulong seed, BoostingOptions? options = null, IProgress<string>? progress = null, SepsisInputSet inputs = SepsisInputSet.Full)
    {
        ArgumentNullException.ThrowIfNull(patients);
        var opts = (options ?? DefaultOptions) with { Seed = seed };
        progress?.Report($"features of {patients.Count} patients");
        var table = FeatureTable.Build(patients, opts.Threads, inputs);
        return Train(table, [.. Enumerable.Range(0, patients.Count)], opts, progress, "", inputs);
    }

    internal static SepsisModel Train(FeatureTable table, int[] patientIndexes, BoostingOptions options, IProgress<string>? progress, string label, SepsisInputSet inputs)
    {
        if (patientIndexes.Length < 10)
        {
            throw new ArgumentException("at least 10 training patients are needed", nameof(patientIndexes));
        }
        var (fit, holdout) = Folds.SplitHoldout(table.Patients, patientIndexes, HoldoutFraction, options.Seed);
        var (rows, labels) = table.Gather(fit);
        if (!labels.Contains(true))
        {
            throw new ArgumentException("the training patients hold no label-positive hour", nameof(patientIndexes));
        }
        IProgress<int>? treeProgress = progress is null ? null : new SyncProgress(k =>
        {
            if (k % 25 == 0 || k == options.Rounds)
            {
                progress.Report($"{label}tree {k}/{options.Rounds}");
            }
        });
        var (targets, weights) = Targets(table, fit, labels, options.UtilityTarget);
        (float[], bool[], float[]?)? validation = null;
        if (options.EarlyStoppingRounds > 0)
        {
            var (holdoutRows, holdoutHourLabels) = table.Gather(holdout);
            var (holdoutTargets, holdoutWeights) = Targets(table, holdout, holdoutHourLabels, options.UtilityTarget);
            validation = (holdoutRows, holdoutTargets, holdoutWeights);
        }
        var members = new BoostedTrees[options.BagSize];
        for (int b = 0; b < members.Length; b++)
        {
            // Member 0 uses the seed itself, so a bag of one is the plain model.
            var memberOptions = options with { Seed = options.Seed + (ulong)b * 0x9E3779B97F4A7C15UL };
            members[b] = BoostingTrainer.Train(rows, SepsisFeatures.Count, targets, memberOptions, treeProgress, weights, validation);
            progress?.Report($"{label}member {b + 1}/{members.Length}: {members[b].TreeCount} trees kept");
        }
        var trees = members.Length == 1 ? members[0] : BoostedTrees.Average(members);
        var (margins, holdoutLabels) = Margins(trees, table, holdout);
        var calibration = Calibration.Fit(margins, holdoutLabels);
        double alarm = AlarmMargin(table, holdout, margins, calibration);
        return new SepsisModel(trees, alarm, alarm - Math.Log(2), calibration, options.Seed, patientIndexes.Length, inputs);
    }

    /// <summary>
    /// The alarm threshold, chosen on the score a person sees: the 0–100 score that maximises the
    /// utility on the holdout, stored as the lowest holdout margin that reaches it (so the model's
    /// <see cref="SepsisModel.AlarmScore"/> is that score).
    /// </summary>
    private static double AlarmMargin(FeatureTable table, IReadOnlyList<int> holdout, double[] margins, Calibration calibration)
    {
        var scores = new double[margins.Length];
        for (int i = 0; i < margins.Length; i++)
        {
            scores[i] = RiskScore.Of(calibration.Probability(margins[i]));
        }
        double best = ThresholdSearch.BestUtilityMargin(table, holdout, scores);
        double alarm = double.PositiveInfinity;
        for (int i = 0; i < margins.Length; i++)
        {
            if (scores[i] >= best && margins[i] < alarm)
            {
                alarm = margins[i];
            }
        }
        return double.IsFinite(alarm) ? alarm : margins.Max();
    }

    /// <summary>
    /// The training targets and row weights of <paramref name="patients"/>' hours (in Gather order):
    /// the label with no weights, or with <paramref name="utility"/> whether an alarm beats silence
    /// under the Challenge utility, weighted by the utility difference over a false alarm's cost.
    /// </summary>
    internal static (bool[] Targets, float[]? Weights) Targets(FeatureTable table, IReadOnlyList<int> patients, bool[] labels, bool utility)
    {
        if (!utility)
        {
            return (labels, null);
        }
        var targets = new bool[labels.Length];
        var weights = new float[labels.Length];
        int r = 0;
        foreach (int p in patients)
        {
            var record = table.Patients[p];
            int first = record.Labels.IndexOf(true);
            for (int t = 0; t < record.Hours; t++, r++)
            {
                double benefit = first < 0 ? UtilityScorer.FalseAlarm : AlarmBenefit(t - (first - UtilityScorer.OptimalHours));
                targets[r] = benefit > 0;
                weights[r] = (float)(Math.Abs(benefit) / -UtilityScorer.FalseAlarm);
            }
        }
        return (targets, weights);
    }

    /// <summary>Utility of an alarm minus that of silence, <paramref name="d"/> hours after onset, in a septic stay.</summary>
    internal static double AlarmBenefit(double d)
    {
        const double early = UtilityScorer.EarlyHours, optimal = UtilityScorer.OptimalHours, late = UtilityScorer.LateHours;
        if (d > late)
        {
            return 0;
        }
        if (d <= optimal)
        {
            return Math.Max((d - early) / (optimal - early), UtilityScorer.FalseAlarm);
        }
        // True-positive utility falls from 1 to 0 and the missed-alarm penalty grows from 0 to −2 over (optimal, late].
        double fraction = (d - optimal) / (late - optimal);
        return (1 - fraction) + 2 * fraction;
    }

    internal static (double[] Margins, bool[] Labels) Margins(BoostedTrees trees, FeatureTable table, IReadOnlyList<int> patients)
    {
        int total = patients.Sum(p => table.Patients[p].Hours);
        var margins = new double[total];
        var labels = new bool[total];
        int r = 0;
        foreach (int p in patients)
        {
            var record = table.Patients[p];
            for (int t = 0; t < record.Hours; t++, r++)
            {
                margins[r] = trees.Margin(table.Row(table.Offsets[p] + t));
                labels[r] = record.Labels[t];
            }
        }
        return (margins, labels);
    }

    /// <summary>Reports synchronously (Progress&lt;T&gt; would post to the thread pool out of order).</summary>
    private sealed class SyncProgress(Action<int> report) : IProgress<int>
    {
        public void Report(int value) => report(value);
    }
}
