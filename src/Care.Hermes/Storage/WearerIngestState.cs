namespace Care.Hermes.Storage;

/// <summary>A wearer's ingest position: the time of the newest stored observation and the risk tracker's state.</summary>
/// <param name="LastObservation">Newest stored observation time, or null for a new wearer.</param>
/// <param name="RiskStateJson">The serialised tracker state, or null before the first bundle.</param>
/// <param name="SuppressUntil">Alerts up to <paramref name="SuppressLevel"/> raised before this time are suppressed (an acknowledgement), or null.</param>
/// <param name="SuppressLevel">The highest level an acknowledgement suppresses.</param>
public sealed record WearerIngestState(
    DateTimeOffset? LastObservation, string? RiskStateJson, DateTimeOffset? SuppressUntil = null, Clinical.EarlyWarning.News2Level SuppressLevel = default);
