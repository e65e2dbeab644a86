namespace Care.Cardio.Classes;

/// <summary>
/// Leave-one-record-out cross-validation of the beat classifier on training records: each record
/// in turn is classed (light tier, then the INT8 model on the flagged beats) by a model trained on
/// the flagged beats of all the others, so a setting is chosen without looking at the test set and
/// scored on wearers it has not seen, as the inter-patient evaluation is.
/// </summary>
public static class BeatCrossValidation
{
    /// <summary>
    /// The pooled INT8 confusion matrix [reference, predicted] of <paramref name="setting"/> over the
    /// held-out records (<paramref name="records"/>: the labelled beats of each training record, in
    /// stream order). Deterministic for a seed; folds run in parallel.
    /// </summary>
    /// <exception cref="ArgumentException">Fewer than two records.</exception>
    public static long[,] LeaveOneRecordOut(IReadOnlyList<IReadOnlyList<LabelledBeat>> records, BeatTrainingSetting setting, int seed)
    {
        ArgumentNullException.ThrowIfNull(records);
        ArgumentNullException.ThrowIfNull(setting);
        if (records.Count < 2)
        {
            throw new ArgumentException("cross-validation needs at least two records", nameof(records));
        }
        var folds = new long[records.Count][,];
        Parallel.For(0, records.Count, held =>
        {
            var train = records.Where((_, i) => i != held).SelectMany(r => r).Where(b => b.Flagged && b.Reference is not null).ToList();
            var model = BeatTrainer.Train([.. train.Select(b => b.Features)], [.. train.Select(b => b.Reference!.Value)], seed, "cross-validation", setting.Hidden, setting.Epochs, setting.ClassWeightPower);
            folds[held] = Confusion(model, records[held]);
        });
        var total = new long[AamiClasses.Count, AamiClasses.Count];
        foreach (var fold in folds)
        {
            for (var a = 0; a < AamiClasses.Count; a++)
            {
                for (var b = 0; b < AamiClasses.Count; b++)
                {
                    total[a, b] += fold[a, b];
                }
            }
        }
        return total;
    }

    /// <summary>The INT8 confusion matrix [reference, predicted] of <paramref name="model"/> on <paramref name="beats"/> (unflagged beats are N).</summary>
    public static long[,] Confusion(BeatModel model, IReadOnlyList<LabelledBeat> beats)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(beats);
        var m = new long[AamiClasses.Count, AamiClasses.Count];
        var input = new sbyte[model.Inputs];
        var hidden = new sbyte[model.Hidden];
        foreach (var b in beats)
        {
            if (b.Reference is { } r)
            {
                m[(int)r, (int)(b.Flagged ? model.ClassifyInt8(b.Features, input, hidden) : AamiClass.N)]++;
            }
        }
        return m;
    }

    /// <summary>
    /// The score a setting is chosen by: the mean of V and S sensitivity and positive predictivity,
    /// percent (the four figures the targets are set on; a class never predicted counts 0).
    /// </summary>
    public static double Score(long[,] confusion)
    {
        ArgumentNullException.ThrowIfNull(confusion);
        double sum = 0;
        foreach (var c in new[] { (int)AamiClass.V, (int)AamiClass.S })
        {
            long row = 0, col = 0;
            for (var k = 0; k < AamiClasses.Count; k++)
            {
                row += confusion[c, k];
                col += confusion[k, c];
            }
            sum += (row == 0 ? 0 : 100.0 * confusion[c, c] / row) + (col == 0 ? 0 : 100.0 * confusion[c, c] / col);
        }
        return sum / 4;
    }
}
