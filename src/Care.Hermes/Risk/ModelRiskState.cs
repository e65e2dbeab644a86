using Care.Clinical.Sepsis;

namespace Care.Hermes.Risk;

/// <summary>
/// Everything a <see cref="ModelRiskTracker"/> remembers between bundles besides the scorer (which
/// is rebuilt from the stored hourly inputs): the open hour's readings and the alert policy's state
/// (episode, run at Elevated, last probability).
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

    /// <summary>
    /// Consecutive scored hours at Elevated or above, up to the last (see <see cref="ModelAlertPolicy"/>).
    /// Absent (0) in states written before the policy: such a wearer's run restarts at the next hour.
    /// </summary>
    public int ElevatedRun { get; init; }

    /// <summary>The last scored hour's calibrated probability (0–1), or null before the first hour (and in states written before the policy).</summary>
    public double? LastProbability { get; init; }

    /// <summary>The alert policy's part of this state.</summary>
    public ModelAlertPolicyState Policy() => new(EpisodeLevel, CalmHours, ElevatedRun, LastProbability);
}
