using Care.Core.Ids;
using Care.Core.Observations;

namespace Care.Hermes.Storage;

/// <summary>A read of one wearer's observations: optional sign and half-open time range [From, To).</summary>
/// <param name="Wearer">Whose observations.</param>
/// <param name="Sign">Only this kind, or all when null.</param>
/// <param name="From">Earliest time included, or unbounded.</param>
/// <param name="To">First time excluded, or unbounded.</param>
/// <param name="Limit">Most rows returned (1–100,000).</param>
public sealed record ObservationQuery(WearerId Wearer, VitalSign? Sign, DateTimeOffset? From, DateTimeOffset? To, int Limit);
