namespace Care.Molecular.Screening.Evaluation;

/// <summary>Recall of one evasion class.</summary>
/// <param name="Class">Class name.</param>
/// <param name="Target">True when the ≥ 99 % target applies (the classes).</param>
/// <param name="Cases">Cases tried.</param>
/// <param name="Detected">Cases flagged (for split orders: some order of the customer flagged).</param>
public sealed record EvasionClassScore(string Class, bool Target, int Cases, int Detected)
{
    /// <summary>Detected / cases, percent.</summary>
    public double RecallPercent => Cases == 0 ? double.NaN : 100.0 * Detected / Cases;
}
