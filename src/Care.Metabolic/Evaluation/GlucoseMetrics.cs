namespace Care.Metabolic.Evaluation;

/// <summary>
/// Consensus CGM outcome metrics (Battelino et al., Diabetes Care 2019) and Kovatchev risk indices
/// over a glucose trace, plus insulin use. Percentages are of time (equal-interval samples), 0..100.
/// </summary>
/// <param name="MeanGlucose">Mean glucose (mg/dL).</param>
/// <param name="Tir">Time in range 70–180 mg/dL inclusive (%).</param>
/// <param name="Tbr70">Time below 70 mg/dL (%).</param>
/// <param name="Tbr54">Time below 54 mg/dL (%).</param>
/// <param name="Tar180">Time above 180 mg/dL (%).</param>
/// <param name="Tar250">Time above 250 mg/dL (%).</param>
/// <param name="Cv">Coefficient of variation 100·SD/mean (%).</param>
/// <param name="Lbgi">Low blood glucose index.</param>
/// <param name="Hbgi">High blood glucose index.</param>
/// <param name="MinGlucose">Lowest glucose (mg/dL).</param>
/// <param name="InsulinPerDay">Total delivered insulin per day (U/day).</param>
public sealed record GlucoseMetrics(
    double MeanGlucose, double Tir, double Tbr70, double Tbr54, double Tar180, double Tar250,
    double Cv, double Lbgi, double Hbgi, double MinGlucose, double InsulinPerDay)
{
    /// <summary>The field-by-field mean of <paramref name="items"/> (the cohort summary); min glucose is averaged too.</summary>
    public static GlucoseMetrics Average(IReadOnlyList<GlucoseMetrics> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentOutOfRangeException.ThrowIfZero(items.Count, nameof(items));
        return new GlucoseMetrics(
            items.Average(m => m.MeanGlucose), items.Average(m => m.Tir), items.Average(m => m.Tbr70),
            items.Average(m => m.Tbr54), items.Average(m => m.Tar180), items.Average(m => m.Tar250),
            items.Average(m => m.Cv), items.Average(m => m.Lbgi), items.Average(m => m.Hbgi),
            items.Average(m => m.MinGlucose), items.Average(m => m.InsulinPerDay));
    }
}
