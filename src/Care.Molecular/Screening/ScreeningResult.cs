namespace Care.Molecular.Screening;

/// <summary>
/// What screening found in one order. <see cref="Flagged"/> when the hits on one entry cover at
/// least the policy's flag length of the order; shorter hits are kept so that a customer's orders
/// can be aggregated (<see cref="CustomerScreening"/>). Immutable.
/// </summary>
/// <param name="OrderLength">Nucleotides screened.</param>
/// <param name="Hits">Every run of matching windows, by entry then order position.</param>
/// <param name="Coverage">Per entry hit: order nucleotides covered by its windows (union of its hits).</param>
/// <param name="FlagLengthNt">The flag length the result was decided with.</param>
public sealed record ScreeningResult(int OrderLength, IReadOnlyList<ScreeningHit> Hits, IReadOnlyDictionary<string, int> Coverage, int FlagLengthNt)
{
    /// <summary>True when some entry's windows cover at least <see cref="FlagLengthNt"/> order nucleotides.</summary>
    public bool Flagged => Coverage.Values.Any(c => c >= FlagLengthNt);

    /// <summary>The entries whose coverage reaches the flag length, largest first.</summary>
    public IReadOnlyList<string> FlaggedEntries => [.. Coverage.Where(p => p.Value >= FlagLengthNt).OrderByDescending(p => p.Value).ThenBy(p => p.Key, StringComparer.Ordinal).Select(p => p.Key)];
}
