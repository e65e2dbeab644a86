namespace Care.Kiosk.Exchange;

/// <summary>How the kiosk retries a call to Hermes that found it unavailable (5xx, 408, 429, network error, attempt time-out).</summary>
public sealed record UplinkRetryOptions
{
    /// <summary>Retries after the first attempt (default 4).</summary>
    public int MaxRetries { get; init; } = 4;

    /// <summary>Median first back-off (default 2 s); it doubles per retry with decorrelated jitter.</summary>
    public TimeSpan FirstDelay { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Longest wait between attempts, also the cap on a <c>Retry-After</c> Hermes asks for (default 5 min).</summary>
    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Time allowed to one attempt (default 30 s).</summary>
    public TimeSpan AttemptTimeout { get; init; } = TimeSpan.FromSeconds(30);
}
