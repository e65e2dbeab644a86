using System.Net;
using Care.Kiosk.Exchange;
using Microsoft.Extensions.Time.Testing;

namespace Care.Kiosk.Tests.Durable;

public sealed class HermesHttpClientTests
{
    private static readonly Uri Root = new("http://hermes.test/");

    /// <summary>Answers from a script and notes the fake clock's time of every request.</summary>
    private sealed class ScriptedHermes(FakeTimeProvider clock, params Func<HttpResponseMessage>[] answers) : HttpMessageHandler
    {
        private int _next;

        public List<DateTimeOffset> Calls { get; } = [];

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Calls.Add(clock.GetUtcNow());
            return Task.FromResult(answers[Math.Min(_next++, answers.Length - 1)]());
        }
    }

    private static HttpResponseMessage Busy(TimeSpan? retryAfter)
    {
        var response = new HttpResponseMessage(HttpStatusCode.ServiceUnavailable);
        if (retryAfter is { } wait)
        {
            response.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(wait);
        }
        return response;
    }

    private static async Task AdvanceUntilAsync(FakeTimeProvider clock, Task task, TimeSpan step, int maxSteps)
    {
        for (int i = 0; i < maxSteps && !task.IsCompleted; i++)
        {
            clock.Advance(step);
            await Task.Yield();
            await Task.Delay(1, TestContext.Current.CancellationToken);
        }
    }

    [Fact]
    public async Task Given_Hermes_answers_503_with_Retry_After_When_uploading_Then_the_retry_waits_exactly_that_long()
    {
        var clock = new FakeTimeProvider(KioskWorld.T0);
        var hermes = new ScriptedHermes(clock, () => Busy(TimeSpan.FromSeconds(37)), () => new HttpResponseMessage(HttpStatusCode.Created));
        using var client = HermesHttpClient.Create(Root, clock, transport: hermes);
        var upload = client.PostAsync("v1/bundles", new ByteArrayContent([1, 2, 3]), TestContext.Current.CancellationToken);
        await AdvanceUntilAsync(clock, upload, TimeSpan.FromSeconds(1), 120);
        using var response = await upload;
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(2, hermes.Calls.Count);
        var waited = hermes.Calls[1] - hermes.Calls[0];
        Assert.InRange(waited.TotalSeconds, 37, 38); // Retry-After, not the 2 s back-off; 1 s clock steps.
    }

    [Fact]
    public async Task Given_Hermes_stays_busy_without_Retry_After_When_uploading_Then_waits_grow_with_jitter_and_the_last_answer_is_returned()
    {
        var clock = new FakeTimeProvider(KioskWorld.T0);
        var hermes = new ScriptedHermes(clock, () => Busy(null));
        using var client = HermesHttpClient.Create(Root, clock, new UplinkRetryOptions { MaxRetries = 4, FirstDelay = TimeSpan.FromSeconds(2) }, hermes);
        var upload = client.PostAsync("v1/bundles", new ByteArrayContent([1]), TestContext.Current.CancellationToken);
        Assert.Single(hermes.Calls); // No back-to-back retry: the second attempt waits for the clock.
        await AdvanceUntilAsync(clock, upload, TimeSpan.FromMilliseconds(250), 4000);
        using var response = await upload;
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal(5, hermes.Calls.Count);
        var waits = hermes.Calls.Zip(hermes.Calls.Skip(1), (a, b) => (b - a).TotalSeconds).ToArray();
        Assert.All(waits, w => Assert.True(w > 0, $"a retry fired back to back ({string.Join(", ", waits)})"));
        Assert.True(waits[^1] > waits[0], $"back-off did not grow: {string.Join(", ", waits)} s");
    }
}
