namespace Care.Cardio.Evaluation;

/// <summary>
/// The outcome of a beat-by-beat comparison: true positives, false negatives (missed reference
/// beats) and false positives (extra detections), with the sample numbers of the mismatches.
/// </summary>
/// <param name="TruePositives">Reference beats matched by a detection within the match window.</param>
/// <param name="FalseNegatives">Reference beats without a matching detection.</param>
/// <param name="FalsePositives">Detections without a matching reference beat.</param>
/// <param name="Missed">Sample numbers of the missed reference beats.</param>
/// <param name="Extra">Sample numbers of the extra detections.</param>
public sealed record BeatMatchResult(int TruePositives, int FalseNegatives, int FalsePositives, IReadOnlyList<long> Missed, IReadOnlyList<long> Extra)
{
    /// <summary>Reference beats scored (TP + FN).</summary>
    public int ReferenceBeats => TruePositives + FalseNegatives;

    /// <summary>Sensitivity in percent, TP / (TP + FN); NaN when there are no reference beats.</summary>
    public double SensitivityPercent => Percent(TruePositives, TruePositives + FalseNegatives);

    /// <summary>Positive predictivity in percent, TP / (TP + FP); NaN when there are no detections.</summary>
    public double PositivePredictivityPercent => Percent(TruePositives, TruePositives + FalsePositives);

    internal static double Percent(long a, long b) => b == 0 ? double.NaN : 100.0 * a / b;
}
