using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Care.Core.Ids;
using Care.Hermes.Access;
using Care.Hermes.Ledger;
using Care.Trust.Ledger;

namespace Care.Hermes.Tests.Api;

/// <summary>The caller of a ledgered write gets the log's signed promise at once (a CT SCT), and the log keeps it.</summary>
public sealed class PromiseApiTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private static ByteArrayContent Sealed(byte[] body)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new("application/vnd.care.sealed-bundle");
        return content;
    }

    private static LedgerPromise PromiseOf(JsonElement answer) =>
        answer.GetProperty("ledgerPromise").Deserialize<LedgerPromise>(JsonSerializerOptions.Web) ?? throw new Xunit.Sdk.XunitException("no promise");

    [Fact]
    public async Task Given_an_upload_When_it_is_stored_Then_the_answer_carries_a_signed_promise_that_the_log_honours_by_its_deadline()
    {
        await using var server = await HermesServer.StartAsync();
        var device = await server.ClientAsync(Role.Device);
        var body = await server.Devices.SealAsync(Vitals.Minutes("W-1", Vitals.Start, 10));
        var first = await device.PostAsync("/v1/bundles", Sealed(body), Cancel);
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        var answer = await first.Content.ReadFromJsonAsync<JsonElement>(Cancel);
        var view = PromiseOf(answer);
        var promise = view.ToSignedPromise();
        Assert.True(promise.Verify(server.Store.LedgerKey));
        Assert.Equal(server.Clock.GetUtcNow(), view.Timestamp);
        Assert.Equal(view.Timestamp + TimeSpan.FromMilliseconds(view.MaximumMergeDelayMs), view.PromisedBy);
        Assert.Equal(server.Store.LedgerKey.KeyId, view.KeyId);

        // A re-send stores nothing and promises nothing new.
        var again = await (await device.PostAsync("/v1/bundles", Sealed(body), Cancel)).Content.ReadFromJsonAsync<JsonElement>(Cancel);
        Assert.True(!again.TryGetProperty("ledgerPromise", out var none) || none.ValueKind == JsonValueKind.Null);

        // Its holder asks for the proof (here the upload's own pass already sequenced it and signed the first head).
        string url = $"/v1/ledger/promised/{view.EntrySha256}";
        Assert.Equal(HttpStatusCode.BadRequest, (await device.GetAsync("/v1/ledger/promised/abc", Cancel)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await server.Client().GetAsync(url, Cancel)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await device.GetAsync($"/v1/ledger/promised/{new string('0', 64)}", Cancel)).StatusCode);
        var proven = await device.GetAsync(url, Cancel);
        Assert.Equal(HttpStatusCode.OK, proven.StatusCode);
        var proof = InclusionProofDocument.Parse(await proven.Content.ReadAsStringAsync(Cancel), "the answer");
        Assert.True(proof.TreeHead.Timestamp <= view.PromisedBy);
        Assert.Equal(ProofCheck.Valid, proof.Check(server.Store.LedgerKey));
        Assert.Null(promise.Check(new LedgerRecord(proof.Index, "BundleAccepted", null, proof.Data, proof.LeafHash), proof.TreeHead));
    }

    [Fact]
    public async Task Given_an_unacknowledged_alert_When_it_is_acknowledged_Then_the_answer_carries_the_promise_of_its_ledger_entry_once()
    {
        await using var server = await HermesServer.StartAsync();
        var device = await server.ClientAsync(Role.Device);
        var clinician = await server.ClientAsync(Role.Clinician);
        await device.PostAsync("/v1/bundles", Sealed(await server.Devices.SealAsync(Vitals.Minutes("W-5", Vitals.Now.AddHours(-8), 60, ill: true))), Cancel);
        var alerts = await clinician.GetFromJsonAsync<JsonElement>("/v1/alerts", Cancel);
        long id = alerts.GetProperty("alerts")[0].GetProperty("id").GetInt64();

        var answer = await (await clinician.PostAsync($"/v1/alerts/{id}/ack", null, Cancel)).Content.ReadFromJsonAsync<JsonElement>(Cancel);
        Assert.Equal(id, answer.GetProperty("id").GetInt64());
        var promise = PromiseOf(answer).ToSignedPromise();
        Assert.True(promise.Verify(server.Store.LedgerKey));
        var again = await (await clinician.PostAsync($"/v1/alerts/{id}/ack", null, Cancel)).Content.ReadFromJsonAsync<JsonElement>(Cancel);
        Assert.False(again.TryGetProperty("ledgerPromise", out _));

        await server.SequencedAsync();
        await server.SignTreeHeadAsync();
        var page = await server.Store.ProveWearerAsync(WearerId.Parse("W-5"), -1, 100, Cancel);
        Assert.Single(page.Proven, p => promise.Check(new LedgerRecord(p.Index, "AlertAcknowledged", "W-5", p.Data, p.LeafHash), p.TreeHead) is null);
    }
}
