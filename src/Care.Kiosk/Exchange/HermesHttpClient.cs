using Microsoft.Extensions.Http.Resilience;
using Polly;

namespace Care.Kiosk.Exchange;

/// <summary>
/// The kiosk's <see cref="HttpClient"/> towards Hermes: every request goes through a
/// <c>Microsoft.Extensions.Http.Resilience</c> pipeline that retries transient failures with
/// exponential back-off and jitter, honours <c>Retry-After</c>, and bounds each attempt. Retrying a
/// bundle upload is safe (Hermes stores a bundle at most once, by its id), so POSTs are retried too.
/// Time comes from the injected <see cref="TimeProvider"/>, so tests drive it with a fake clock.
/// </summary>
public static class HermesHttpClient
{
    /// <summary>A client for Hermes at <paramref name="hermesRoot"/> (which must end in '/').</summary>
    /// <param name="hermesRoot">Hermes's root URL.</param>
    /// <param name="time">The clock the back-off waits on.</param>
    /// <param name="options">Retry settings; defaults when null.</param>
    /// <param name="transport">The handler that sends (defaults to a <see cref="SocketsHttpHandler"/>); tests pass a fake.</param>
    public static HttpClient Create(Uri hermesRoot, TimeProvider time, UplinkRetryOptions? options = null, HttpMessageHandler? transport = null)
    {
        ArgumentNullException.ThrowIfNull(hermesRoot);
        ArgumentNullException.ThrowIfNull(time);
        options ??= new UplinkRetryOptions();
        var pipeline = new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = time }
            .AddRetry(new HttpRetryStrategyOptions
            {
                MaxRetryAttempts = options.MaxRetries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = options.FirstDelay,
                MaxDelay = options.MaxDelay,
                ShouldRetryAfterHeader = true,
            })
            .AddTimeout(options.AttemptTimeout)
            .Build();
        var handler = new ResilienceHandler(pipeline) { InnerHandler = transport ?? new SocketsHttpHandler() };
        // The pipeline bounds each attempt; the client's own time-out must not cut the back-off short.
        return new HttpClient(handler) { BaseAddress = hermesRoot, Timeout = Timeout.InfiniteTimeSpan };
    }
}
