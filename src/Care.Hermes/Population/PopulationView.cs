namespace Care.Hermes.Population;

/// <summary>
/// What the public-health role may see: aggregates with every count under <see cref="MinimumCount"/> suppressed
/// (shown as null), so no small group, and so no wearer, can be singled out. The rule lives here, not in SQL or endpoints.
/// </summary>
public static class PopulationView
{
    /// <summary>Counts below this are suppressed (issue 13: under 10).</summary>
    public const long MinimumCount = 10;

    /// <summary>The count, or null when it is under <see cref="MinimumCount"/>.</summary>
    public static long? Suppress(long count) => count < MinimumCount ? null : count;
}
