using Care.Clinical.EarlyWarning;
using Care.Core.Ids;
using Care.Hermes.Alerts;

namespace Care.Hermes.Storage;

/// <summary>Which alerts to list; every filter is applied by the store before <see cref="Limit"/>.</summary>
/// <param name="Since">Raised at or after this time; null for all.</param>
/// <param name="MinLevel">At or above this level.</param>
/// <param name="Kind">Only this kind; null for every kind.</param>
/// <param name="Wearers">Only these wearers (a care team's scope); null for every wearer.</param>
/// <param name="Limit">At most this many, newest first (at least 1).</param>
public sealed record AlertQuery(DateTimeOffset? Since, News2Level MinLevel, AlertKind? Kind, IReadOnlyCollection<WearerId>? Wearers, int Limit);
