using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Care.Core.Ids;
using Care.Core.Observations;
using Care.Hermes.Access;
using Care.Hermes.Interop.Nightscout;
using Care.Hermes.Storage;
using Care.Hermes.Tests;
using Microsoft.Extensions.DependencyInjection;

namespace Care.Hermes.Interop.Tests.Nightscout;

/// <summary>Conformance with Nightscout API v1 as its documents state it (lib/server/swagger.yaml, docs/requirements/api-v1-compatibility-requirements.md).</summary>
public sealed class NightscoutApiTests
{
    private const string Secret = "correct horse battery staple";
    private const string Base = "/nightscout/W-1/api/v1";

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private static string Sha1(string text) => Convert.ToHexStringLower(SHA1.HashData(Encoding.UTF8.GetBytes(text)));

    private static string Sha512(string text) => Convert.ToHexStringLower(SHA512.HashData(Encoding.UTF8.GetBytes(text)));

    /// <summary>W-1 with an hour of rising CGM glucose (120, 121, … mg/dL every 5 minutes) and insulin from its patch loop, and an API secret.</summary>
    private static async Task<InteropServer> ServerAsync()
    {
        var server = await InteropServer.StartAsync();
        await server.IngestAsync(Vitals.Glucose("W-1", Vitals.Start.AddMinutes(60), 60));
        await server.Services.GetRequiredService<NightscoutSecrets>().SetAsync(WearerId.Parse("W-1"), Secret, TimeSpan.FromDays(30), "test");
        return server;
    }

    private static HttpClient WithSecret(InteropServer server, string digest)
    {
        var client = server.Client();
        client.DefaultRequestHeaders.Add("api-secret", digest);
        return client;
    }

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response, HttpStatusCode status = HttpStatusCode.OK)
    {
        string body = await response.Content.ReadAsStringAsync(Cancel);
        Assert.True(response.StatusCode == status, $"{response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    private static StringContent Body(string json) => new(json, Encoding.UTF8, "application/json");

    private static long Ms(DateTimeOffset t) => t.ToUnixTimeMilliseconds();

    private static async Task AssertUnauthorizedAsync(HttpResponseMessage response)
    {
        var body = await JsonAsync(response, HttpStatusCode.Unauthorized);
        Assert.Equal(401, body.GetProperty("status").GetInt32());
        Assert.Equal("Unauthorized", body.GetProperty("message").GetString());
        Assert.Equal("Invalid/Missing", body.GetProperty("description").GetString());
    }

    [Fact]
    public async Task Entries_default_to_the_ten_newest_sgv_documents_newest_first_with_every_v1_field()
    {
        await using var server = await ServerAsync();
        var entries = await JsonAsync(await WithSecret(server, Sha1(Secret)).GetAsync(Base + "/entries.json", Cancel));
        Assert.Equal(10, entries.GetArrayLength());
        var dates = entries.EnumerateArray().Select(e => e.GetProperty("date").GetInt64()).ToList();
        Assert.Equal(dates.OrderDescending(), dates);
        var newest = entries[0];
        Assert.Equal(Ms(Vitals.Start.AddMinutes(115)), newest.GetProperty("date").GetInt64());
        Assert.Equal(131, newest.GetProperty("sgv").GetInt32());
        Assert.Equal("sgv", newest.GetProperty("type").GetString());
        Assert.Equal("2026-11-26T01:55:00.000Z", newest.GetProperty("dateString").GetString());
        Assert.Equal("Flat", newest.GetProperty("direction").GetString());
        Assert.Equal(NightscoutEntry.CareDevice, newest.GetProperty("device").GetString());
        Assert.Matches("^[0-9a-f]{24}$", newest.GetProperty("_id").GetString());
    }

    [Fact]
    public async Task Without_a_time_filter_only_the_last_four_days_are_read_and_find_date_reaches_further()
    {
        await using var server = await InteropServer.StartAsync();
        var old = Vitals.Now - TimeSpan.FromDays(5);
        await server.IngestAsync(Vitals.Glucose("W-1", old, 30));
        await server.IngestAsync(Vitals.Glucose("W-1", Vitals.Start, 30));
        await server.Services.GetRequiredService<NightscoutSecrets>().SetAsync(WearerId.Parse("W-1"), Secret, TimeSpan.FromDays(30), "test", Cancel);
        var client = WithSecret(server, Sha1(Secret));
        Assert.Equal(6, (await JsonAsync(await client.GetAsync(Base + "/entries.json?count=100", Cancel))).GetArrayLength());
        var all = await JsonAsync(await client.GetAsync(Base + $"/entries.json?count=100&find[date][$gte]={Ms(old)}", Cancel));
        Assert.Equal(12, all.GetArrayLength());
        var window = await JsonAsync(await client.GetAsync(Base + $"/entries.json?find[date][$gte]={Ms(old.AddMinutes(5))}&find[date][$lte]={Ms(old.AddMinutes(15))}", Cancel));
        Assert.Equal([Ms(old.AddMinutes(15)), Ms(old.AddMinutes(10)), Ms(old.AddMinutes(5))], window.EnumerateArray().Select(e => e.GetProperty("date").GetInt64()));
        var iso = await JsonAsync(await client.GetAsync(Base + $"/entries.json?find[dateString][$gte]={Uri.EscapeDataString(Vitals.Start.AddMinutes(20).ToString("O"))}", Cancel));
        Assert.Equal(2, iso.GetArrayLength());
        var high = await JsonAsync(await client.GetAsync(Base + "/entries.json?find[sgv][$gte]=124", Cancel));
        Assert.All(high.EnumerateArray(), e => Assert.True(e.GetProperty("sgv").GetInt32() >= 124));
        Assert.Equal(2, high.GetArrayLength());
        Assert.Equal(3, (await JsonAsync(await client.GetAsync(Base + "/entries.json?count=3", Cancel))).GetArrayLength());
        Assert.Equal(1, (await JsonAsync(await client.GetAsync(Base + "/entries/current.json", Cancel))).GetArrayLength());
        Assert.Equal(0, (await JsonAsync(await client.GetAsync(Base + "/entries.json?find[type]=mbg", Cancel))).GetArrayLength());
        var bad = await JsonAsync(await client.GetAsync(Base + "/entries.json?find[noise][$gte]=1", Cancel), HttpStatusCode.BadRequest);
        Assert.Contains("find[noise][$gte]", bad.GetProperty("description").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.GetAsync(Base + "/entries.json?count=0", Cancel)).StatusCode);
    }

    [Fact]
    public async Task Entries_answer_tab_separated_text_when_json_is_not_asked_for()
    {
        await using var server = await ServerAsync();
        var response = await WithSecret(server, Sha1(Secret)).GetAsync(Base + "/entries?count=2", Cancel);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        string text = await response.Content.ReadAsStringAsync(Cancel);
        var lines = text.Split("\r\n");
        Assert.Equal(2, lines.Length);
        Assert.Equal($"\"2026-11-26T01:55:00.000Z\"\t{Ms(Vitals.Start.AddMinutes(115))}\t131\t\"Flat\"\t\"care-patch\"", lines[0]);
        var json = WithSecret(server, Sha1(Secret));
        json.DefaultRequestHeaders.Accept.ParseAdd("application/json");
        Assert.Equal("application/json", (await json.GetAsync(Base + "/entries?count=2", Cancel)).Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData(0.0, "Flat")]
    [InlineData(0.99, "Flat")]
    [InlineData(1.0, "FortyFiveUp")]
    [InlineData(2.5, "SingleUp")]
    [InlineData(3.0, "DoubleUp")]
    [InlineData(-1.5, "FortyFiveDown")]
    [InlineData(-2.5, "SingleDown")]
    [InlineData(-3.5, "DoubleDown")]
    [InlineData(double.NaN, "NOT COMPUTABLE")]
    public void Direction_follows_the_dexcom_arrow_bands(double rate, string arrow) => Assert.Equal(arrow, NightscoutDirection.FromRate(rate));

    [Fact]
    public async Task Upload_of_one_entry_or_an_array_is_stored_as_cgm_glucose_ledgered_and_answered_as_an_array_with_ids_and_arrows()
    {
        await using var server = await ServerAsync();
        var client = WithSecret(server, Sha1(Secret));
        var t0 = Vitals.Now.AddHours(-1);
        long ledger = await server.Store.LedgerSizeAsync(Cancel);
        var one = await JsonAsync(await client.PostAsync(Base + "/entries", Body($$"""{"type":"sgv","sgv":200,"date":{{Ms(t0)}},"direction":"Flat","device":"xDrip-DexcomG6"}"""), Cancel));
        Assert.Equal(JsonValueKind.Array, one.ValueKind);
        Assert.Matches("^[0-9a-f]{24}$", one[0].GetProperty("_id").GetString());
        Assert.Equal(ledger + 1, await server.Store.LedgerSizeAsync(Cancel));
        var sha512 = WithSecret(server, Sha512(Secret));
        var many = await JsonAsync(await sha512.PostAsync(Base + "/entries.json", Body($$"""
            [{"type":"sgv","sgv":184,"date":{{Ms(t0.AddMinutes(5))}}},
             {"type":"sgv","sgv":170,"dateString":"{{t0.AddMinutes(10):O}}"},
             {"type":"sgv","sgv":168,"date":{{Ms(t0.AddMinutes(10))}}}]
            """), Cancel));
        // The two entries at one time are merged (the last wins), as Nightscout's upsert on time and type does.
        Assert.Equal(2, many.GetArrayLength());
        Assert.Equal(168, many[1].GetProperty("sgv").GetInt32());
        Assert.Equal("DoubleDown", many[1].GetProperty("direction").GetString());
        var stored = await server.Store.QueryObservationsAsync(new ObservationQuery(WearerId.Parse("W-1"), VitalSign.InterstitialGlucose, t0, null, 100), Cancel);
        Assert.Equal([200.0, 184.0, 168.0], stored.Select(o => o.Value));
        // Sending them again changes nothing: duplicates of stored readings are merged into what is stored.
        long before = await server.Store.LedgerSizeAsync(Cancel);
        await JsonAsync(await sha512.PostAsync(Base + "/entries.json", Body($$"""[{"type":"sgv","sgv":184,"date":{{Ms(t0.AddMinutes(5))}}}]"""), Cancel));
        Assert.Equal(before, await server.Store.LedgerSizeAsync(Cancel));
        Assert.Equal(3, (await server.Store.QueryObservationsAsync(new ObservationQuery(WearerId.Parse("W-1"), VitalSign.InterstitialGlucose, t0, null, 100), Cancel)).Count);
        var newest = await JsonAsync(await client.GetAsync(Base + "/entries.json?count=1", Cancel));
        Assert.Equal("DoubleDown", newest[0].GetProperty("direction").GetString());
    }

    public static TheoryData<string, string> BadUploads() => new()
    {
        { $$"""{"type":"sgv","sgv":0,"date":{{Ms(Vitals.Now.AddHours(-1))}}}""", "$.sgv" },
        { $$"""[{"type":"sgv","sgv":120,"date":{{Ms(Vitals.Now.AddHours(-2))}}},{"type":"sgv","sgv":2000,"date":{{Ms(Vitals.Now.AddHours(-1))}}}]""", "[1].sgv" },
        { $$"""[{"type":"sgv","sgv":120,"date":{{Ms(Vitals.Now.AddDays(1))}}}]""", "[0].date" },
        { $$"""[{"type":"mbg","mbg":120,"date":{{Ms(Vitals.Now.AddHours(-1))}}}]""", "[0].type" },
        { """[{"type":"sgv","sgv":120}]""", "[0].date" },
        { """[{"type":"sgv","sgv":"high","date":1764115200000}]""", "[0].sgv" },
        { """[{"type":"sgv","sgv":120,"date":1764115200000},""", "line 1" },
        { "[]", "$" },
        { "42", "$" },
    };

    [Theory]
    [MemberData(nameof(BadUploads))]
    public async Task Impossible_or_malformed_upload_is_refused_with_the_field_named_and_nothing_is_stored(string body, string field)
    {
        await using var server = await ServerAsync();
        long ledger = await server.Store.LedgerSizeAsync(Cancel);
        long observations = server.Database.Scalar("SELECT COUNT(*) FROM observations");
        var answer = await JsonAsync(await WithSecret(server, Sha1(Secret)).PostAsync(Base + "/entries", Body(body), Cancel), HttpStatusCode.BadRequest);
        Assert.Equal(400, answer.GetProperty("status").GetInt32());
        Assert.Contains(field, answer.GetProperty("description").GetString(), StringComparison.Ordinal);
        Assert.Equal(observations, server.Database.Scalar("SELECT COUNT(*) FROM observations"));
        Assert.Equal(ledger, await server.Store.LedgerSizeAsync(Cancel));
    }

    [Fact]
    public async Task Missing_or_wrong_secret_is_401_as_nightscout_answers_it_and_nothing_is_stored()
    {
        await using var server = await ServerAsync();
        await server.Services.GetRequiredService<NightscoutSecrets>().SetAsync(WearerId.Parse("W-2"), "another wearer's secret", TimeSpan.FromDays(30), "test", Cancel);
        string entry = $$"""{"type":"sgv","sgv":120,"date":{{Ms(Vitals.Now.AddHours(-1))}}}""";
        long observations = server.Database.Scalar("SELECT COUNT(*) FROM observations");
        await AssertUnauthorizedAsync(await server.Client().GetAsync(Base + "/entries.json", Cancel));
        await AssertUnauthorizedAsync(await server.Client().PostAsync(Base + "/entries", Body(entry), Cancel));
        await AssertUnauthorizedAsync(await WithSecret(server, Sha1("wrong secret!!")).PostAsync(Base + "/entries", Body(entry), Cancel));
        await AssertUnauthorizedAsync(await WithSecret(server, Secret).GetAsync(Base + "/entries.json", Cancel));
        await AssertUnauthorizedAsync(await WithSecret(server, Sha1("another wearer's secret")).PostAsync(Base + "/entries", Body(entry), Cancel));
        await AssertUnauthorizedAsync(await server.Client().GetAsync(Base + "/treatments.json?token=" + Sha1("wrong secret!!"), Cancel));
        // A clinician token of the care team reads (token= or bearer) but cannot upload.
        var (_, clinician) = await server.Services.GetRequiredService<TokenIssuer>().CreateAsync(Role.Clinician, wearers: [WearerId.Parse("W-1")], cancellationToken: Cancel);
        Assert.Equal(HttpStatusCode.OK, (await server.Client().GetAsync(Base + "/entries.json?token=" + clinician, Cancel)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await server.Client(clinician).GetAsync(Base + "/entries.json", Cancel)).StatusCode);
        await AssertUnauthorizedAsync(await server.Client(clinician).PostAsync(Base + "/entries", Body(entry), Cancel));
        var (_, outsider) = await server.Services.GetRequiredService<TokenIssuer>().CreateAsync(Role.Clinician, wearers: [WearerId.Parse("W-2")], cancellationToken: Cancel);
        await AssertUnauthorizedAsync(await server.Client().GetAsync(Base + "/entries.json?token=" + outsider, Cancel));
        Assert.Equal(observations, server.Database.Scalar("SELECT COUNT(*) FROM observations"));
        // The secret's token= form (SHA-1 hex) is accepted like the header.
        Assert.Equal(HttpStatusCode.OK, (await server.Client().GetAsync(Base + "/entries.json?token=" + Sha1(Secret), Cancel)).StatusCode);
    }

    [Fact]
    public async Task Verifyauth_and_status_answer_as_nightscout_does()
    {
        await using var server = await ServerAsync();
        var ok = await JsonAsync(await WithSecret(server, Sha1(Secret)).GetAsync(Base + "/verifyauth", Cancel));
        Assert.Equal(200, ok.GetProperty("status").GetInt32());
        Assert.Equal("OK", ok.GetProperty("message").GetProperty("message").GetString());
        Assert.True(ok.GetProperty("message").GetProperty("canWrite").GetBoolean());
        var none = await JsonAsync(await server.Client().GetAsync(Base + "/verifyauth", Cancel));
        Assert.Equal("UNAUTHORIZED", none.GetProperty("message").GetProperty("message").GetString());
        Assert.False(none.GetProperty("message").GetProperty("canRead").GetBoolean());
        var status = await JsonAsync(await server.Client().GetAsync(Base + "/status.json", Cancel));
        Assert.Equal("ok", status.GetProperty("status").GetString());
        Assert.Equal(Ms(Vitals.Now), status.GetProperty("serverTimeEpoch").GetInt64());
        Assert.True(status.GetProperty("apiEnabled").GetBoolean());
        Assert.Equal("mg/dl", status.GetProperty("settings").GetProperty("units").GetString());
    }

    [Fact]
    public async Task Treatments_and_devicestatus_come_from_the_patch_loop_and_every_read_is_ledgered()
    {
        await using var server = await ServerAsync();
        var client = WithSecret(server, Sha1(Secret));
        long ledger = await server.Store.LedgerSizeAsync(Cancel);
        var treatments = await JsonAsync(await client.GetAsync(Base + "/treatments.json?count=100", Cancel));
        Assert.Equal(ledger + 1, await server.Store.LedgerSizeAsync(Cancel));
        Assert.Equal(13, treatments.GetArrayLength());
        var bolus = Assert.Single(treatments.EnumerateArray(), t => t.GetProperty("eventType").GetString() == "Correction Bolus");
        Assert.Equal(3.0, bolus.GetProperty("insulin").GetDouble());
        Assert.Equal("2026-11-26T01:00:00.000Z", bolus.GetProperty("created_at").GetString());
        var basal = treatments.EnumerateArray().First(t => t.GetProperty("eventType").GetString() == "Temp Basal");
        Assert.Equal(5.0, basal.GetProperty("duration").GetDouble());
        var filtered = await JsonAsync(await client.GetAsync(Base + "/treatments.json?find[eventType]=Correction+Bolus", Cancel));
        Assert.Equal(1, filtered.GetArrayLength());
        var status = await JsonAsync(await client.GetAsync(Base + "/devicestatus.json", Cancel));
        Assert.Equal("suspended", status[0].GetProperty("pump").GetProperty("status").GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.MethodNotAllowed, (await client.PostAsync(Base + "/treatments", Body("""{"eventType":"Meal Bolus","insulin":5}"""), Cancel)).StatusCode);
    }

    [Fact]
    public async Task The_secret_is_never_stored_in_clear_nor_as_its_plain_hashes()
    {
        await using var server = await ServerAsync();
        byte[] file = await File.ReadAllBytesAsync(server.Database.Path, Cancel);
        foreach (string form in new[] { Secret, Sha1(Secret), Sha512(Secret) })
        {
            Assert.Equal(-1, file.AsSpan().IndexOf(Encoding.UTF8.GetBytes(form)));
            Assert.Equal(-1, file.AsSpan().IndexOf(Convert.FromHexString(Sha1(form))));
        }
        Assert.Equal(-1, file.AsSpan().IndexOf(SHA256.HashData(Encoding.UTF8.GetBytes(Sha1(Secret)))));
    }
}
