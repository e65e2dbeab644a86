using System.Net;
using Care.Core.Ids;
using Care.Core.Observations;
using Care.Hermes.Access;
using Care.Kiosk.Exchange;
using Care.Patch.Runtime;

namespace Care.Hermes.Tests.Api;

/// <summary>The kiosk's HTTP uplink against Hermes's real API (in-memory test server).</summary>
public sealed class HttpUplinkTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private static HttpClient Http(HttpMessageHandler handler) => new(handler) { BaseAddress = new Uri("http://localhost/") };

    /// <summary>A kiosk connected over <paramref name="http"/> with a device and an admin token.</summary>
    private static async Task<(HttpHermesUplink Uplink, KioskExchange Exchange)> KioskAsync(HermesServer server, HttpClient http)
    {
        var uplink = await HttpHermesUplink.ConnectAsync(http, await server.TokenAsync(Role.Device), await server.TokenAsync(Role.Admin), Cancel);
        return (uplink, new KioskExchange(uplink, server.Clock));
    }

    /// <summary>Runs the exchange and checks its report, the emptied outbox and what Hermes stored.</summary>
    private static async Task AssertDeliveredAsync(HermesServer server, KioskExchange exchange, WearablePatch patch, int attempts, bool alreadyStored, long observations)
    {
        var report = await exchange.RunAsync(patch, Cancel);
        Assert.Equal(attempts, report.Attempts);
        Assert.Equal(alreadyStored, report.AlreadyStored);
        Assert.Equal(0, patch.Outbox.Count);
        Assert.Equal(observations, server.Database.Scalar("SELECT COUNT(*) FROM observations"));
    }

    private static async Task<WearablePatch> PatchWithAsync(KioskExchange exchange, string id, int readings)
    {
        var patch = await exchange.IssuePatchAsync(PatchId.Parse(id), WearerId.Parse("W-" + id), Cancel);
        for (int i = 0; i < readings; i++)
        {
            patch.Record(VitalSign.HeartRate, Vitals.Start.AddMinutes(i), 70 + (i % 5));
        }
        return patch;
    }

    [Fact]
    public async Task A_kiosk_registers_a_patch_and_uploads_its_bundle_over_http_and_a_resend_is_stored_once()
    {
        await using var server = await HermesServer.StartAsync();
        using var http = Http(server.Handler());
        var (uplink, exchange) = await KioskAsync(server, http);
        var patch = await PatchWithAsync(exchange, "P-1", 12);

        await AssertDeliveredAsync(server, exchange, patch, attempts: 1, alreadyStored: false, observations: 12);

        // The same sealed bytes twice (a kiosk that lost the acknowledgement): 200, nothing written twice.
        var resend = await PatchWithAsync(exchange, "P-2", 3);
        var sealedOnce = resend.Seal(server.Clock.GetUtcNow());
        var first = await uplink.UploadAsync(sealedOnce.Bytes, Cancel);
        var second = await uplink.UploadAsync(sealedOnce.Bytes, Cancel);
        Assert.Equal(sealedOnce.Bundle.BundleId, first.BundleId);
        Assert.False(first.AlreadyStored);
        Assert.True(second.AlreadyStored);
        Assert.Equal(3, second.ObservationsStored);
        Assert.Equal(15, server.Database.Scalar("SELECT COUNT(*) FROM observations"));
    }

    [Fact]
    public async Task Hermes_answering_503_is_retried_with_the_same_bundle_and_the_data_is_stored_once()
    {
        await using var server = await HermesServer.StartAsync();
        // The first upload is stored by Hermes but its answer is replaced by a 503, the second fails
        // before reaching Hermes: the third attempt gets 200 (already stored).
        var faults = new BundleFaults(server.Handler(), [Fault.StoreThen503, Fault.Unreachable]);
        using var http = Http(faults);
        var (_, exchange) = await KioskAsync(server, http);
        var patch = await PatchWithAsync(exchange, "P-1", 7);

        await AssertDeliveredAsync(server, exchange, patch, attempts: 3, alreadyStored: true, observations: 7);
    }

    [Fact]
    public async Task A_refused_upload_is_not_retried_names_the_problem_and_leaves_the_data_on_the_patch()
    {
        await using var server = await HermesServer.StartAsync();
        using var http = Http(server.Handler());
        var (uplink, _) = await KioskAsync(server, http);

        var garbage = await Assert.ThrowsAsync<UplinkRejectedException>(() => uplink.UploadAsync(new byte[] { 1, 2, 3, 4 }, Cancel));
        Assert.Equal(HttpStatusCode.BadRequest, garbage.Status);
        Assert.Contains("400", garbage.Message, StringComparison.Ordinal);

        // A patch Hermes never registered: refused, and its readings stay on it for the next visit.
        var uploadOnly = await HttpHermesUplink.ConnectAsync(http, await server.TokenAsync(Role.Device), registrationToken: null, Cancel);
        await Assert.ThrowsAsync<InvalidOperationException>(() => uploadOnly.RegisterPatchAsync(PatchId.Parse("P-9"), WearerId.Parse("W-9"), Trust.Identity.HybridSigningKey.Generate().PublicKey, Cancel));
        var stranger = new WearablePatch(PatchId.Parse("P-9"), WearerId.Parse("W-9"), new PatchCredentials(Trust.Identity.HybridSigningKey.Generate(), uploadOnly.RecipientKey));
        stranger.Record(VitalSign.HeartRate, Vitals.Start, 70);
        var refused = await Assert.ThrowsAsync<UplinkRejectedException>(() => new KioskExchange(uploadOnly, server.Clock).RunAsync(stranger, Cancel));
        Assert.True((int)refused.Status is >= 400 and < 500, refused.Message);
        Assert.Equal(1, stranger.Outbox.Count);
        Assert.Equal(0, server.Database.Scalar("SELECT COUNT(*) FROM observations"));

        // A clinician token cannot upload: 403, named.
        var clinician = await HttpHermesUplink.ConnectAsync(http, await server.TokenAsync(Role.Clinician), null, Cancel);
        var forbidden = await Assert.ThrowsAsync<UplinkRejectedException>(() => clinician.UploadAsync(new byte[] { 1 }, Cancel));
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.Status);
    }

    [Fact]
    public async Task An_unreachable_hermes_is_reported_as_unavailable_with_its_address()
    {
        using var http = Http(new BundleFaults(new HttpClientHandler(), [], failEverything: true));
        var e = await Assert.ThrowsAsync<UplinkUnavailableException>(() => HttpHermesUplink.ConnectAsync(http, "care_token", null, Cancel));
        Assert.Contains("http://localhost/", e.Message, StringComparison.Ordinal);
        using var noSlash = new HttpClient(new HttpClientHandler()) { BaseAddress = new Uri("http://localhost/care") };
        await Assert.ThrowsAsync<ArgumentException>(() => HttpHermesUplink.ConnectAsync(noSlash, "care_token", null, Cancel));
    }

    [Fact]
    public async Task An_oversized_or_malformed_answer_is_refused_naming_it()
    {
        using var huge = Http(new Answering(new string(' ', HttpHermesUplink.MaxAnswerBytes + 1) + "{}"));
        var big = await Assert.ThrowsAsync<UplinkRejectedException>(() => HttpHermesUplink.ConnectAsync(huge, "care_token", null, Cancel));
        Assert.Contains("larger than", big.Message, StringComparison.Ordinal);
        using var garbled = Http(new Answering("{\"recipient\": 3}"));
        var bad = await Assert.ThrowsAsync<UplinkRejectedException>(() => HttpHermesUplink.ConnectAsync(garbled, "care_token", null, Cancel));
        Assert.Contains("'recipient'", bad.Message, StringComparison.Ordinal);
    }

    /// <summary>Answers every request 200 with <paramref name="body"/>, streamed without a declared length.</summary>
    private sealed class Answering(string body) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = new NoLength(System.Text.Encoding.UTF8.GetBytes(body)) });
    }

    /// <summary>Content whose length is unknown until read (like a chunked answer).</summary>
    private sealed class NoLength(byte[] bytes) : HttpContent
    {
        protected override Task SerializeToStreamAsync(Stream stream, System.Net.TransportContext? context) => stream.WriteAsync(bytes).AsTask();

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }

    private enum Fault
    {
        StoreThen503,
        Unreachable,
    }

    /// <summary>Injects one fault per bundle upload, in order, then passes requests through.</summary>
    private sealed class BundleFaults(HttpMessageHandler inner, Fault[] faults, bool failEverything = false) : DelegatingHandler(inner)
    {
        private int _uploads;

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (failEverything)
            {
                throw new HttpRequestException("connection refused (injected)");
            }
            if (request.RequestUri?.AbsolutePath != "/v1/bundles" || _uploads >= faults.Length)
            {
                return await base.SendAsync(request, cancellationToken);
            }
            switch (faults[_uploads++])
            {
                case Fault.StoreThen503:
                    using (await base.SendAsync(request, cancellationToken))
                    {
                        return new HttpResponseMessage(HttpStatusCode.ServiceUnavailable) { Content = new StringContent("{\"title\":\"Overloaded\"}") };
                    }
                default:
                    throw new HttpRequestException("connection reset (injected)");
            }
        }
    }
}
