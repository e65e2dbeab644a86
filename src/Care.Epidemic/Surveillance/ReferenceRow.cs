namespace Care.Epidemic.Surveillance;

/// <summary>One row of an R <c>surveillance</c> reference output.</summary>
/// <param name="Dataset">Series name.</param>
/// <param name="Method">Method label as in the file (<c>C1</c>, <c>cusum_standard_k1.04_h2.26</c>, …).</param>
/// <param name="WeekIndex">1-based week.</param>
/// <param name="UpperBound">Bound in cases, NaN for R's NA.</param>
/// <param name="Alarm">Alarm, null for R's NA.</param>
public readonly record struct ReferenceRow(string Dataset, string Method, int WeekIndex, double UpperBound, bool? Alarm);
