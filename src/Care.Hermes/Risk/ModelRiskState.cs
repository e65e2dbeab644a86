using Care.Clinical.Sepsis;

namespace Care.Hermes.Risk;

/// <summary>
/// Everything a <see cref="ModelRiskTracker"/> remembers between bundles besides the scorer (which
/// is rebuilt from the stored hourly inputs): the open hour's readings and the alert episode.
/// Stored as JSON in the wearer's row, in the same transaction as the data it came from.
/// </summary>
internal sealed record ModelRiskState
{
    /// <summary>Start of the hour being collected (UTC, whole hour), or null before the first reading.</summary>
    public DateTimeOffset? HourStart { get; init; }

    /// <summary>Readings collected in the open hour, one list per <see cref="ModelRiskTracker.Signs"/> entry.</summary>
    public required double[][] HourValues { get; init; }

    /// <summary>Hours fed to the scorer so far (equals the wearer's stored model-risk rows).</summary>
    public int Hours { get; init; }

    /// <summary>Highest model level alerted in the open episode (<see cref="SepsisRiskLevel.Low"/> when none is open).</summary>
    public SepsisRiskLevel EpisodeLevel { get; init; }

    /// <summary>Consecutive hours at level Low in an open episode.</summary>
    public int CalmHours { get; init; }
}
