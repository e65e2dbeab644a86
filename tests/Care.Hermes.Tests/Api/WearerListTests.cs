using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Care.Hermes.Access;
using Microsoft.Extensions.Logging;

namespace Care.Hermes.Tests.Api;

/// <summary>The wearer list (paged, scoped, audited) and the one-line-per-request log without personal data.</summary>
public sealed class WearerListTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private static async Task UploadAsync(HermesServer server, HttpClient device, string wearer)
    {
        var content = new ByteArrayContent(await server.Devices.SealAsync(Vitals.Minutes(wearer, Vitals.Start, 30)));
        content.Headers.ContentType = new("application/vnd.care.sealed-bundle");
        Assert.Equal(HttpStatusCode.Created, (await device.PostAsync("/v1/bundles", content, Cancel)).StatusCode);
    }

    [Fact]
    public async Task Clinicians_page_through_wearers_a_care_team_sees_its_own_and_every_listing_is_recorded()
    {
        await using var server = await HermesServer.StartAsync();
        var device = await server.ClientAsync(Role.Device);
        foreach (var w in new[] { "W-3", "W-1", "W-2" })
        {
            await UploadAsync(server, device, w);
        }
        var clinician = await server.ClientAsync(Role.Clinician);
        var first = await clinician.GetFromJsonAsync<JsonElement>("/v1/wearers?limit=2", Cancel);
        Assert.Equal(["W-1", "W-2"], first.GetProperty("wearers").EnumerateArray().Select(w => w.GetProperty("id").GetString()));
        Assert.Equal(Vitals.Start.AddMinutes(29), first.GetProperty("wearers")[0].GetProperty("lastObservation").GetDateTimeOffset());
        Assert.Equal(1, first.GetProperty("wearers")[0].GetProperty("activePatches").GetInt32());
        Assert.Equal("W-2", first.GetProperty("nextAfter").GetString());
        var second = await clinician.GetFromJsonAsync<JsonElement>("/v1/wearers?after=W-2&limit=2", Cancel);
        Assert.Equal(["W-3"], second.GetProperty("wearers").EnumerateArray().Select(w => w.GetProperty("id").GetString()));
        Assert.Equal(JsonValueKind.Null, second.GetProperty("nextAfter").ValueKind);
        Assert.Equal(3, (await server.SequencedAsync()).Scalar("SELECT COUNT(*) FROM ledger_entries WHERE kind = 'RecordAccessed'"));

        var admin = await server.ClientAsync(Role.Admin);
        var scoped = await (await admin.PostAsync("/v1/tokens", new StringContent("""{"role":"clinician","wearers":["W-3","W-9"]}""", Encoding.UTF8, "application/json"), Cancel))
            .Content.ReadFromJsonAsync<JsonElement>(Cancel);
        var team = server.Client(scoped.GetProperty("token").GetString());
        var mine = await team.GetFromJsonAsync<JsonElement>("/v1/wearers", Cancel);
        Assert.Equal(["W-3"], mine.GetProperty("wearers").EnumerateArray().Select(w => w.GetProperty("id").GetString()));

        Assert.Equal(HttpStatusCode.Forbidden, (await device.GetAsync("/v1/wearers", Cancel)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await admin.GetAsync("/v1/wearers", Cancel)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await server.Client().GetAsync("/v1/wearers", Cancel)).StatusCode);
        foreach (var bad in new[] { "?limit=0", "?limit=1001", "?limit=x", "?after=bad%20id!" })
        {
            var answer = await clinician.GetAsync("/v1/wearers" + bad, Cancel);
            Assert.Equal(HttpStatusCode.BadRequest, answer.StatusCode);
        }
    }

    [Fact]
    public async Task Each_request_is_one_log_line_with_its_route_pattern_and_no_wearer_id()
    {
        await using var server = await HermesServer.StartAsync();
        var device = await server.ClientAsync(Role.Device);
        await UploadAsync(server, device, "W-77");
        var clinician = await server.ClientAsync(Role.Clinician);
        Assert.Equal(HttpStatusCode.OK, (await clinician.GetAsync("/v1/wearers/W-77/risk", Cancel)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await clinician.GetAsync("/v1/wearers/W-78/observations", Cancel)).StatusCode);

        var requests = server.Logs.Lines.Where(l => l.Category == "Care.Hermes.Requests").Select(l => l.Message).ToList();
        Assert.Equal(3, requests.Count);
        Assert.StartsWith("POST /v1/bundles 201 ", requests[0], StringComparison.Ordinal);
        Assert.StartsWith("GET /v1/wearers/{id}/risk 200 ", requests[1], StringComparison.Ordinal);
        Assert.StartsWith("GET /v1/wearers/{id}/observations 404 ", requests[2], StringComparison.Ordinal);
        Assert.DoesNotContain(server.Logs.Lines, l => l.Message.Contains("W-77", StringComparison.Ordinal) || l.Message.Contains("W-78", StringComparison.Ordinal));
        // The framework's own per-request lines (request starting/finished, endpoint executing…) stay below the default filter.
        Assert.DoesNotContain(server.Logs.Lines, l => l.Category.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal) && l.Level < LogLevel.Warning);
    }
}
