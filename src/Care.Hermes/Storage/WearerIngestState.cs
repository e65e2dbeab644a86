namespace Care.Hermes.Storage;

/// <summary>A wearer's ingest position: the time of the newest stored observation and the risk trackers' state.</summary>
/// <param name="LastObservation">Newest stored observation time, or null for a new wearer.</param>
/// <param name="RiskStateJson">The serialised NEWS2 tracker state, or null before the first bundle.</param>
/// <param name="SuppressUntil">NEWS2 alerts up to <paramref name="SuppressLevel"/> raised before this time are suppressed (an acknowledgement), or null.</param>
/// <param name="SuppressLevel">The highest NEWS2 level an acknowledgement suppresses.</param>
public sealed record WearerIngestState(
    DateTimeOffset? LastObservation, string? RiskStateJson, DateTimeOffset? SuppressUntil = null, Clinical.EarlyWarning.News2Level SuppressLevel = default)
{
    /// <summary>The serialised model-risk tracker state (open hour, hours scored, episode), or null before the model scored the wearer.</summary>
    public string? ModelRiskStateJson { get; init; }

    /// <summary>Sepsis-model alerts up to <see cref="ModelSuppressLevel"/> raised before this time are suppressed, or null.</summary>
    public DateTimeOffset? ModelSuppressUntil { get; init; }

    /// <summary>The highest alert level an acknowledgement of a sepsis-model alert suppresses.</summary>
    public Clinical.EarlyWarning.News2Level ModelSuppressLevel { get; init; }
}
