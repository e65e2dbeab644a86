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

    /// <summary>
    /// The sepsis model file (e.g. <c>models/sepsis-vitals-v2.model</c>) that scores each wearer-hour
    /// of patch vitals and raises explained model-risk alerts, or null (the default) for NEWS2 alerts only.
    /// A missing or malformed file fails the start with the file named.
    /// </summary>
    public string? SepsisModelPath { get; init; }

    /// <summary>
    /// Most wearers whose sepsis-model scorers stay in memory between bundles (about 10 kB each; at
    /// least 1); a wearer dropped from memory is rebuilt from storage at its next bundle.
    /// </summary>
    public int ModelScorerCapacity { get; init; } = Risk.SepsisRiskScoring.DefaultCapacity;

    /// <summary>Limits on uploaded bundles.</summary>
    public BundleLimits Limits { get; init; } = BundleLimits.Default;
}
