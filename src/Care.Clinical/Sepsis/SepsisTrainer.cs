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

    /// <summary>Default boosting options of the shipped model.</summary>
    public static BoostingOptions DefaultOptions { get; } = new();

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
        var trees = BoostingTrainer.Train(rows, SepsisFeatures.Count, labels, options, treeProgress);
        var (margins, holdoutLabels) = Margins(trees, table, holdout);
        var calibration = Calibration.Fit(margins, holdoutLabels);
        double alarm = ThresholdSearch.BestUtilityMargin(table, holdout, margins);
        return new SepsisModel(trees, alarm, alarm - Math.Log(2), calibration, options.Seed, patientIndexes.Length, inputs);
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
