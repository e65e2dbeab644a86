using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Care.Core.Bundles;
using Care.Hermes.Access;
using Care.Hermes.Tests.Api;

namespace Care.Hermes.Tests.Security;

/// <summary>Access that ends and stays in its lane: expiring, revocable, scoped tokens; audited alert lists; rate limits; strict query input.</summary>
public sealed class AccessTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

    private static async Task UploadAsync(HermesServer server, HttpClient device, Bundle bundle)
    {
        var content = new ByteArrayContent(await server.Devices.SealAsync(bundle));
        content.Headers.ContentType = new("application/vnd.care.sealed-bundle");
        Assert.Equal(HttpStatusCode.Created, (await device.PostAsync("/v1/bundles", content, Cancel)).StatusCode);
    }

    [Fact]
    public async Task A_token_stops_working_when_it_expires_and_when_it_is_revoked()
    {
        await using var server = await HermesServer.StartAsync();
        var admin = await server.ClientAsync(Role.Admin);
        var created = await admin.PostAsync("/v1/tokens", Json("""{"role":"clinician","expiresIn":"2h","label":"night shift"}"""), Cancel);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var body = await created.Content.ReadFromJsonAsync<JsonElement>(Cancel);
        var clinician = server.Client(body.GetProperty("token").GetString());
        Assert.Equal(Vitals.Now.AddHours(2), body.GetProperty("expiresAt").GetDateTimeOffset());
        Assert.Equal(HttpStatusCode.OK, (await clinician.GetAsync("/v1/alerts", Cancel)).StatusCode);
        server.Clock.Advance(TimeSpan.FromHours(2));
        Assert.Equal(HttpStatusCode.Unauthorized, (await clinician.GetAsync("/v1/alerts", Cancel)).StatusCode);

        var second = await (await admin.PostAsync("/v1/tokens", Json("""{"role":"clinician"}"""), Cancel)).Content.ReadFromJsonAsync<JsonElement>(Cancel);
        Assert.Equal(Vitals.Now.AddHours(2).AddDays(30), second.GetProperty("expiresAt").GetDateTimeOffset());
        var other = server.Client(second.GetProperty("token").GetString());
        Assert.Equal(HttpStatusCode.OK, (await other.GetAsync("/v1/alerts", Cancel)).StatusCode);
        string id = second.GetProperty("id").GetString()!;
        Assert.Equal(HttpStatusCode.OK, (await admin.DeleteAsync($"/v1/tokens/{id}", Cancel)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.DeleteAsync($"/v1/tokens/{id}", Cancel)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await other.GetAsync("/v1/alerts", Cancel)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.DeleteAsync("/v1/tokens/tok_404", Cancel)).StatusCode);
        Assert.Equal(1, (await server.SequencedAsync()).Scalar("SELECT COUNT(*) FROM ledger_entries WHERE kind = 'TokenRevoked'"));
        Assert.True((await server.SequencedAsync()).Scalar("SELECT COUNT(*) FROM ledger_entries WHERE kind = 'TokenIssued'") >= 3);
    }

    [Fact]
    public async Task Tokens_are_listed_without_their_secrets_and_bad_lifetimes_or_scopes_are_refused()
    {
        await using var server = await HermesServer.StartAsync();
        var admin = await server.ClientAsync(Role.Admin);
        var created = await (await admin.PostAsync("/v1/tokens", Json("""{"role":"device","label":"kiosk 4"}"""), Cancel)).Content.ReadFromJsonAsync<JsonElement>(Cancel);
        string secret = created.GetProperty("token").GetString()!;
        string list = await admin.GetStringAsync("/v1/tokens", Cancel);
        Assert.DoesNotContain(secret, list, StringComparison.Ordinal);
        Assert.DoesNotContain(secret[TokenIssuer.Prefix.Length..][..20], list, StringComparison.Ordinal);
        Assert.DoesNotContain("sha256", list, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("kiosk 4", list, StringComparison.Ordinal);
        foreach (var bad in new[] { """{"role":"clinician","expiresIn":"400d"}""", """{"role":"clinician","expiresIn":"soon"}""", """{"role":"device","wearers":["W-1"]}""", """{"role":"clinician","wearers":["bad id!"]}""", """{"role":"clinician","wearers":[]}""" })
        {
            Assert.Equal(HttpStatusCode.BadRequest, (await admin.PostAsync("/v1/tokens", Json(bad), Cancel)).StatusCode);
        }
        Assert.Equal(HttpStatusCode.Forbidden, (await (await server.ClientAsync(Role.Clinician)).GetAsync("/v1/tokens", Cancel)).StatusCode);
    }

    [Fact]
    public async Task A_care_teams_token_reads_only_its_wearers_and_sees_only_their_alerts()
    {
        await using var server = await HermesServer.StartAsync();
        var device = await server.ClientAsync(Role.Device);
        await UploadAsync(server, device, Vitals.Minutes("W-1", Vitals.Start, 60, ill: true));
        await UploadAsync(server, device, Vitals.Minutes("W-2", Vitals.Start, 60, ill: true));
        var admin = await server.ClientAsync(Role.Admin);
        var scoped = await (await admin.PostAsync("/v1/tokens", Json("""{"role":"clinician","wearers":["W-1"]}"""), Cancel)).Content.ReadFromJsonAsync<JsonElement>(Cancel);
        var team = server.Client(scoped.GetProperty("token").GetString());
        Assert.Equal(HttpStatusCode.OK, (await team.GetAsync("/v1/wearers/W-1/observations", Cancel)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await team.GetAsync("/v1/wearers/W-2/observations", Cancel)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await team.GetAsync("/v1/wearers/W-404/risk", Cancel)).StatusCode);
        var alerts = await team.GetFromJsonAsync<JsonElement>("/v1/alerts", Cancel);
        Assert.All(alerts.GetProperty("alerts").EnumerateArray(), a => Assert.Equal("W-1", a.GetProperty("wearerId").GetString()));
        Assert.NotEmpty(alerts.GetProperty("alerts").EnumerateArray());
        long w2Alert = server.Database.Scalar("SELECT a.id FROM alerts a JOIN wearers w ON w.id = a.wearer WHERE w.code = 'W-2' LIMIT 1");
        Assert.Equal(HttpStatusCode.Forbidden, (await team.PostAsync($"/v1/alerts/{w2Alert}/ack", null, Cancel)).StatusCode);
        Assert.Equal(0, (await server.SequencedAsync()).Scalar("SELECT COUNT(*) FROM ledger_entries WHERE kind = 'RecordAccessed' AND wearer = 'W-2'"));
    }

    [Fact]
    public async Task Alert_filters_apply_before_the_limit_and_every_wearer_whose_alerts_are_returned_has_the_read_in_their_ledger()
    {
        await using var server = await HermesServer.StartAsync(sepsisModelPath: ModelFile.Path);
        var device = await server.ClientAsync(Role.Device);
        // Three wearers fall ill; NEWS2 alerts come first in time, model alerts later.
        foreach (var w in new[] { "W-1", "W-2", "W-3" })
        {
            await UploadAsync(server, device, Vitals.Minutes(w, Vitals.Now.AddDays(-1), 6 * 60, ill: true));
        }
        var clinician = await server.ClientAsync(Role.Clinician);
        var newest = await clinician.GetFromJsonAsync<JsonElement>("/v1/alerts?kind=news2&limit=1", Cancel);
        var one = Assert.Single(newest.GetProperty("alerts").EnumerateArray());
        Assert.Equal("news2", one.GetProperty("kind").GetString());
        var high = await clinician.GetFromJsonAsync<JsonElement>("/v1/alerts?level=high&limit=2", Cancel);
        Assert.Equal(2, high.GetProperty("alerts").GetArrayLength());
        Assert.All(high.GetProperty("alerts").EnumerateArray(), a => Assert.Equal("high", a.GetProperty("level").GetString()));
        var all = await clinician.GetFromJsonAsync<JsonElement>("/v1/alerts", Cancel);
        var wearers = all.GetProperty("alerts").EnumerateArray().Select(a => a.GetProperty("wearerId").GetString()).Distinct().ToList();
        Assert.Equal(3, wearers.Count);
        foreach (var w in wearers)
        {
            // One entry per list read that returned the wearer's alerts: the three reads above.
            Assert.True((await server.SequencedAsync()).Scalar($"SELECT COUNT(*) FROM ledger_entries WHERE kind = 'RecordAccessed' AND wearer = '{w}' AND CAST(data AS TEXT) LIKE '%read alerts%'") >= 1);
        }
    }

    [Fact]
    public async Task Over_the_limit_a_token_gets_429_with_retry_after_and_health_probes_never_do()
    {
        await using var server = await HermesServer.StartAsync(options: o => o with { RequestsPerTokenPerMinute = 5, RequestsPerAddressPerMinute = 0 });
        var clinician = await server.ClientAsync(Role.Clinician);
        for (int i = 0; i < 5; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await clinician.GetAsync("/v1/alerts", Cancel)).StatusCode);
        }
        var limited = await clinician.GetAsync("/v1/alerts", Cancel);
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.True(limited.Headers.RetryAfter?.Delta > TimeSpan.Zero);
        Assert.Equal("application/problem+json", limited.Content.Headers.ContentType?.MediaType);
        // Another token has its own budget; probes are never limited.
        Assert.Equal(HttpStatusCode.OK, (await (await server.ClientAsync(Role.Clinician)).GetAsync("/v1/alerts", Cancel)).StatusCode);
        for (int i = 0; i < 10; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await server.Client().GetAsync("/healthz", Cancel)).StatusCode);
        }
    }

    [Fact]
    public async Task An_address_over_its_limit_gets_429_even_without_a_token()
    {
        await using var server = await HermesServer.StartAsync(options: o => o with { RequestsPerTokenPerMinute = 0, RequestsPerAddressPerMinute = 3 });
        var anonymous = server.Client("care_guessing");
        var codes = new List<HttpStatusCode>();
        for (int i = 0; i < 5; i++)
        {
            codes.Add((await anonymous.GetAsync("/v1/alerts", Cancel)).StatusCode);
        }
        Assert.Equal([HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests], codes);
    }

    [Theory]
    [InlineData("12/03/2026")]
    [InlineData("2026-12-03 10:00")]
    [InlineData("2026-12-03T10:00:00")]
    [InlineData("yesterday")]
    public async Task Query_times_must_be_iso_8601_with_an_offset(string time)
    {
        await using var server = await HermesServer.StartAsync();
        var device = await server.ClientAsync(Role.Device);
        await UploadAsync(server, device, Vitals.Minutes("W-1", Vitals.Start, 5));
        var clinician = await server.ClientAsync(Role.Clinician);
        var response = await clinician.GetAsync($"/v1/wearers/W-1/observations?from={Uri.EscapeDataString(time)}", Cancel);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("ISO 8601", await response.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await clinician.GetAsync("/v1/wearers/W-1/observations?from=2026-11-26T00:02:00Z&to=2026-11-27", Cancel)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await clinician.GetAsync("/v1/wearers/W-1/observations?from=2026-11-26T01:02:00%2B01:00", Cancel)).StatusCode);
    }
}
