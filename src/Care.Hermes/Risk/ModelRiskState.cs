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
    /// Absent in states written before the policy: rebuilt from the stored hours (<see cref="WithPolicyRunFrom"/>).
    /// </summary>
    public int ElevatedRun { get; init; }

    /// <summary>The last scored hour's calibrated probability (0–1), or null before the first hour (and in states written before the policy, see <see cref="LacksPolicyRun"/>).</summary>
    public double? LastProbability { get; init; }

    /// <summary>The alert policy's part of this state.</summary>
    public ModelAlertPolicyState Policy() => new(EpisodeLevel, CalmHours, ElevatedRun, LastProbability);

    /// <summary>True when the state was written before the alert policy: hours were scored but no last probability was kept.</summary>
    public bool LacksPolicyRun => Hours > 0 && LastProbability is null;

    /// <summary>
    /// This state with the policy's run and last probability rebuilt from the wearer's last stored
    /// hourly outputs (<paramref name="recent"/>, oldest first, as <see cref="Storage.IIngestSession.GetRecentModelRisksAsync"/>
    /// returns them): the run is the trailing hours at Elevated or above, the last probability the newest hour's.
    /// The episode is kept as stored.
    /// </summary>
    public ModelRiskState WithPolicyRunFrom(IReadOnlyList<(SepsisRiskLevel Level, double Probability)> recent)
    {
        ArgumentNullException.ThrowIfNull(recent);
        int run = 0;
        for (int i = recent.Count - 1; i >= 0 && recent[i].Level >= SepsisRiskLevel.Elevated; i--)
        {
            run++;
        }
        return this with
        {
            ElevatedRun = run,
            LastProbability = recent.Count > 0 && double.IsFinite(recent[^1].Probability) ? recent[^1].Probability : null,
        };
    }
}
