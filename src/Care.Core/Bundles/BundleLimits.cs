namespace Care.Core.Bundles;

/// <summary>What a bundle may hold. Defaults suit 14 days of one patch's per-minute vitals.</summary>
public sealed record BundleLimits
{
    /// <summary>The default limits.</summary>
    public static BundleLimits Default { get; } = new();

    /// <summary>Largest encoded bundle, in bytes (default 16 MiB).</summary>
    public int MaxBytes { get; init; } = 16 * 1024 * 1024;

    /// <summary>Most observations in one bundle (default 200,000: 14 days × 1,440 min × 7 signs ≈ 141,000).</summary>
    public int MaxObservations { get; init; } = 200_000;

    /// <summary>How far ahead of the receiver's clock a timestamp may be (device clock skew; default 5 min).</summary>
    public TimeSpan MaxClockSkew { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Most errors collected before reading stops (default 20).</summary>
    public int MaxErrors { get; init; } = 20;
}
