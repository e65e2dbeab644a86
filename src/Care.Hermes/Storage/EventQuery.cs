using Care.Core.Events;
using Care.Core.Ids;

namespace Care.Hermes.Storage;

/// <summary>A read of one wearer's rhythm events that start in the half-open range [From, To).</summary>
/// <param name="Wearer">Whose events.</param>
/// <param name="Kind">Only events of this kind, or every kind.</param>
/// <param name="From">Earliest start included, or unbounded.</param>
/// <param name="To">First start excluded, or unbounded.</param>
/// <param name="Limit">Most rows returned (≥ 1).</param>
public sealed record EventQuery(WearerId Wearer, PatchEventKind? Kind, DateTimeOffset? From, DateTimeOffset? To, int Limit);
