using Care.Core.Bundles;

namespace Care.Hermes.Hosting;

/// <summary>How Hermes runs: where it stores data and what it accepts.</summary>
public sealed class HermesOptions
{
    /// <summary>The SQLite database file (created if absent).</summary>
    public required string DatabasePath { get; init; }

    /// <summary>
    /// After a clinician acknowledges an alert, re-alerts of the same or a lower level for that
    /// wearer are suppressed for this long (default 4 hours); a higher level always alerts.
    /// </summary>
    public TimeSpan AlertSuppression { get; init; } = TimeSpan.FromHours(4);

    /// <summary>Limits on uploaded bundles.</summary>
    public BundleLimits Limits { get; init; } = BundleLimits.Default;
}
