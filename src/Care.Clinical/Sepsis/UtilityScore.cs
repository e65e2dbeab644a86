namespace Care.Clinical.Sepsis;

/// <summary>
/// The Challenge 2019 utility of a set of records: the observed classifier's raw utility and those
/// of the two reference classifiers ("inaction": never alarm; "optimal": alarm exactly in hours
/// t_s − 12 … t_s + 3 of septic records) on the same records.
/// </summary>
/// <param name="Observed">Summed per-hour utility of the predictions scored.</param>
/// <param name="Inaction">Summed utility of never alarming (≤ 0).</param>
/// <param name="Optimal">Summed utility of the optimal reference classifier (≥ 0).</param>
public readonly record struct UtilityScore(double Observed, double Inaction, double Optimal)
{
    /// <summary>
    /// (Observed − Inaction) / (Optimal − Inaction): 1 is perfect, 0 is no better than silence.
    /// NaN when the records hold no septic patient (both references then score 0).
    /// </summary>
    public double Normalised => Optimal == Inaction ? double.NaN : (Observed - Inaction) / (Optimal - Inaction);

    /// <summary>The sum of two scores over disjoint record sets.</summary>
    public static UtilityScore operator +(UtilityScore a, UtilityScore b) =>
        new(a.Observed + b.Observed, a.Inaction + b.Inaction, a.Optimal + b.Optimal);

    /// <summary>Same as the + operator.</summary>
    public static UtilityScore Add(UtilityScore a, UtilityScore b) => a + b;
}
