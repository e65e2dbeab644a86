using Care.Core.Ids;

namespace Care.Hermes.Storage;

/// <summary>A read of one wearer's insulin doses in the half-open time range [From, To).</summary>
/// <param name="Wearer">Whose doses.</param>
/// <param name="From">Earliest start time included, or unbounded.</param>
/// <param name="To">First start time excluded, or unbounded.</param>
/// <param name="Limit">Most rows returned (≥ 1).</param>
public sealed record DoseQuery(WearerId Wearer, DateTimeOffset? From, DateTimeOffset? To, int Limit);
