namespace Care.Epidemic.Surveillance;

/// <summary>A weekly count series with optional outbreak labels.</summary>
/// <param name="Name">Series name (e.g. <c>m1</c>).</param>
/// <param name="Observed">Counts, week 1 first; each ≥ 0.</param>
/// <param name="Outbreak">True in the weeks labelled as outbreak; same length as <paramref name="Observed"/>.</param>
public sealed record SurveillanceSeries(string Name, IReadOnlyList<int> Observed, IReadOnlyList<bool> Outbreak)
{
    /// <summary>True when at least one week is labelled.</summary>
    public bool HasLabels => Outbreak.Any(o => o);
}
