using Care.Core.Bundles;

namespace Care.Hermes.Hosting;

/// <summary>How Hermes runs: where it stores data and what it accepts.</summary>
public sealed class HermesOptions
{
    /// <summary>The SQLite database file (created if absent).</summary>
    public required string DatabasePath { get; init; }

    /// <summary>Limits on uploaded bundles.</summary>
    public BundleLimits Limits { get; init; } = BundleLimits.Default;
}
