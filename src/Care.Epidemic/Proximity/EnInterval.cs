namespace Care.Epidemic.Proximity;

/// <summary>
/// GAEN time: ten-minute intervals since the Unix epoch (Cryptography Specification v1.2,
/// <c>ENIntervalNumber = floor(unix_seconds / 600)</c>) and the 144-interval key period.
/// </summary>
public static class EnInterval
{
    /// <summary>Length of one interval in seconds (10 minutes).</summary>
    public const int Seconds = 600;

    /// <summary><c>TEKRollingPeriod</c>: intervals a temporary exposure key is valid for (144 = 24 h).</summary>
    public const int TekRollingPeriod = 144;

    /// <summary>The interval number of a time in Unix seconds (must be non-negative and fit in 32 bits once divided).</summary>
    public static int FromUnixSeconds(long unixSeconds)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(unixSeconds);
        var interval = unixSeconds / Seconds;
        ArgumentOutOfRangeException.ThrowIfGreaterThan(interval, int.MaxValue, nameof(unixSeconds));
        return (int)interval;
    }

    /// <summary>The interval number of an instant.</summary>
    public static int FromTime(DateTimeOffset time) => FromUnixSeconds(time.ToUnixTimeSeconds());

    /// <summary>The start of an interval as an instant.</summary>
    public static DateTimeOffset ToTime(int interval) => DateTimeOffset.FromUnixTimeSeconds((long)interval * Seconds);

    /// <summary>The first interval of the key period that contains <paramref name="interval"/> (UTC midnight).</summary>
    public static int KeyPeriodStart(int interval) => interval - (interval % TekRollingPeriod);
}
