using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Care.Core.Bundles;
using Care.Hermes.Access;

namespace Care.Hermes.Tests.Api;

public sealed class ApiTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private static ByteArrayContent Json(byte[] body)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new("application/json");
        return content;
    }

    private static ByteArrayContent Json(string body) => Json(Encoding.UTF8.GetBytes(body));

    private static ByteArrayContent Sealed(byte[] body)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new("application/vnd.care.sealed-bundle");
        return content;
    }

    private static async Task<ByteArrayContent> SealedAsync(HermesServer server, Core.Bundles.Bundle bundle) => Sealed(await server.Devices.SealAsync(bundle));

    private static async Task<JsonElement> ProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return await response.Content.ReadFromJsonAsync<JsonElement>(Cancel);
    }

    [Fact]
    public async Task Health_and_openapi_answer_without_a_token()
    {
        await using var server = await HermesServer.StartAsync();
        var client = server.Client();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/healthz", Cancel)).StatusCode);
        string openapi = await client.GetStringAsync("/openapi/v1.json", Cancel);
        Assert.Contains("/v1/bundles", openapi, StringComparison.Ordinal);
        Assert.Contains("/v1/wearers/{id}/risk", openapi, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Upload_without_a_token_is_401_and_with_the_wrong_role_403_and_nothing_is_written()
    {
        await using var server = await HermesServer.StartAsync();
        var body = await server.Devices.SealAsync(Vitals.Minutes("W-1", Vitals.Start, 10));
        await ProblemAsync(await server.Client().PostAsync("/v1/bundles", Sealed(body), Cancel), HttpStatusCode.Unauthorized);
        await ProblemAsync(await server.Client("care_not-a-real-token").PostAsync("/v1/bundles", Sealed(body), Cancel), HttpStatusCode.Unauthorized);
        await ProblemAsync(await (await server.ClientAsync(Role.Clinician)).PostAsync("/v1/bundles", Sealed(body), Cancel), HttpStatusCode.Forbidden);
        await ProblemAsync(await (await server.ClientAsync(Role.Admin)).PostAsync("/v1/bundles", Sealed(body), Cancel), HttpStatusCode.Forbidden);
        Assert.Equal(0, server.Database.Scalar("SELECT COUNT(*) FROM observations"));
    }

    [Fact]
    public async Task Device_uploads_201_then_a_resend_is_200_and_stores_nothing_twice()
    {
        await using var server = await HermesServer.StartAsync();
        var device = await server.ClientAsync(Role.Device);
        var body = await server.Devices.SealAsync(Vitals.Minutes("W-1", Vitals.Start, 10));
        var first = await device.PostAsync("/v1/bundles", Sealed(body), Cancel);
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        var again = await device.PostAsync("/v1/bundles", Sealed(body), Cancel);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        var receipt = await again.Content.ReadFromJsonAsync<JsonElement>(Cancel);
        Assert.Equal(50, receipt.GetProperty("observationsStored").GetInt32());
        Assert.Equal(50, server.Database.Scalar("SELECT COUNT(*) FROM observations"));
    }

    [Theory]
    [InlineData("{\"version\":", "$ (line")]
    [InlineData("{\"version\":3}", "$.version")]
    [InlineData("replace:\"code\":\"8867-4\"|\"code\":\"0000-0\"", "$.observations[0].code")]
    [InlineData("replace:\"unit\":\"/min\"|\"unit\":\"bpm\"", "$.observations[0].unit")]
    [InlineData("replace:\"value\":70|\"value\":\"70\"", "$.observations[0].value")]
    [InlineData("replace:\"value\":70|\"value\":7000", "$.observations[0].value")]
    [InlineData("replace:\"wearerId\"|\"wearer\"", "$.wearer")]
    [InlineData("replace:2026-11-26T00:00:00Z|2026-12-31T00:00:00Z", "$.observations[0].time")]
    [InlineData("swap-first-two-minutes", "$.observations[1].time")]
    [InlineData("duplicate-first", "$.observations[1]")]
    public async Task Bad_input_is_400_with_the_field_named_and_nothing_stored(string change, string where)
    {
        await using var server = await HermesServer.StartAsync();
        var device = await server.ClientAsync(Role.Device);
        string valid = Encoding.UTF8.GetString(Vitals.Encode(Vitals.Minutes("W-1", Vitals.Start, 3)));
        string body = change switch
        {
            _ when change.StartsWith("replace:", StringComparison.Ordinal) => ReplaceFirst(valid, change[8..].Split('|')[0], change[8..].Split('|')[1]),
            "swap-first-two-minutes" => SwapMinutes(valid),
            "duplicate-first" => DuplicateFirst(valid),
            _ => change,
        };
        var problem = await ProblemAsync(await device.PostAsync("/v1/bundles", Sealed(await server.Devices.SealAsync(body, "P-W-1")), Cancel), HttpStatusCode.BadRequest);
        var first = problem.GetProperty("errors")[0];
        Assert.StartsWith(where, first.GetProperty("where").GetString(), StringComparison.Ordinal);
        Assert.False(string.IsNullOrWhiteSpace(first.GetProperty("problem").GetString()));
        Assert.Equal(0, server.Database.Scalar("SELECT COUNT(*) FROM observations"));
        Assert.Equal(0, server.Database.Scalar("SELECT COUNT(*) FROM bundles"));
    }

    [Fact]
    public async Task Oversized_bundle_is_400_naming_the_limit()
    {
        await using var server = await HermesServer.StartAsync(new BundleLimits { MaxBytes = 1000 });
        var device = await server.ClientAsync(Role.Device);
        var problem = await ProblemAsync(await device.PostAsync("/v1/bundles", await SealedAsync(server, Vitals.Minutes("W-1", Vitals.Start, 60)), Cancel), HttpStatusCode.BadRequest);
        Assert.Contains("bytes", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        var small = await ProblemAsync(await device.PostAsync("/v1/bundles", await SealedAsync(server, Vitals.Minutes("W-1", Vitals.Start, 10)), Cancel), HttpStatusCode.BadRequest);
        Assert.Contains("limit is 1000 bytes", small.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(0, server.Database.Scalar("SELECT COUNT(*) FROM bundles"));
    }

    [Fact]
    public async Task Unsigned_json_and_wrong_content_types_are_refused_and_nothing_is_stored()
    {
        await using var server = await HermesServer.StartAsync();
        var device = await server.ClientAsync(Role.Device);
        var unsigned = await ProblemAsync(await device.PostAsync("/v1/bundles", Json(Vitals.Encode(Vitals.Minutes("W-1", Vitals.Start, 3))), Cancel), HttpStatusCode.BadRequest);
        Assert.Contains("unsigned", unsigned.GetProperty("detail").GetString(), StringComparison.Ordinal);
        var text = await ProblemAsync(await device.PostAsync("/v1/bundles", new StringContent("hello", Encoding.UTF8, "text/plain"), Cancel), HttpStatusCode.BadRequest);
        Assert.Equal("Content-Type", text.GetProperty("errors")[0].GetProperty("where").GetString());
        Assert.Equal(0, server.Database.Scalar("SELECT COUNT(*) FROM bundles"));
    }

    [Fact]
    public async Task Overlapping_upload_is_409()
    {
        await using var server = await HermesServer.StartAsync();
        var device = await server.ClientAsync(Role.Device);
        await device.PostAsync("/v1/bundles", await SealedAsync(server, Vitals.Minutes("W-1", Vitals.Start, 10)), Cancel);
        await ProblemAsync(await device.PostAsync("/v1/bundles", await SealedAsync(server, Vitals.Minutes("W-1", Vitals.Start, 10)), Cancel), HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Clinician_reads_observations_and_risk_and_each_read_is_recorded()
    {
        await using var server = await HermesServer.StartAsync();
        var device = await server.ClientAsync(Role.Device);
        await device.PostAsync("/v1/bundles", await SealedAsync(server, Vitals.Minutes("W-7", Vitals.Start, 60, ill: true)), Cancel);
        var clinician = await server.ClientAsync(Role.Clinician);

        var all = await clinician.GetFromJsonAsync<JsonElement>("/v1/wearers/W-7/observations", Cancel);
        Assert.Equal(300, all.GetProperty("observations").GetArrayLength());
        var hr = await clinician.GetFromJsonAsync<JsonElement>(
            "/v1/wearers/W-7/observations?code=8867-4&from=2026-11-26T00:10:00Z&to=2026-11-26T00:20:00Z", Cancel);
        var rows = hr.GetProperty("observations");
        Assert.Equal(10, rows.GetArrayLength());
        Assert.All(rows.EnumerateArray(), r => Assert.Equal("/min", r.GetProperty("unit").GetString()));

        var risk = await clinician.GetFromJsonAsync<JsonElement>("/v1/wearers/W-7/risk", Cancel);
        Assert.Equal("high", risk.GetProperty("level").GetString());
        Assert.Equal(3, risk.GetProperty("parts").GetProperty("pulse").GetInt32());
        Assert.Contains("Decision support", risk.GetProperty("note").GetString(), StringComparison.Ordinal);

        var alerts = await clinician.GetFromJsonAsync<JsonElement>("/v1/alerts?level=high", Cancel);
        Assert.Equal(1, alerts.GetProperty("alerts").GetArrayLength());

        // Every read of the record is in the ledger (alerts span wearers and are not a record read).
        // Observations, risk, and the alert list that returned this wearer's alert.
        Assert.Equal(4, (await server.SequencedAsync()).Scalar("SELECT COUNT(*) FROM ledger_entries WHERE kind = 'RecordAccessed' AND wearer = 'W-7'"));
    }

    [Fact]
    public async Task Clinician_reads_doses_in_a_range_and_the_read_is_recorded()
    {
        await using var server = await HermesServer.StartAsync();
        var device = await server.ClientAsync(Role.Device);
        var upload = await device.PostAsync("/v1/bundles", await SealedAsync(server, Vitals.Glucose("W-9", Vitals.Start, 60)), Cancel);
        Assert.Equal(HttpStatusCode.Created, upload.StatusCode);
        var clinician = await server.ClientAsync(Role.Clinician);

        var all = await clinician.GetFromJsonAsync<JsonElement>("/v1/wearers/W-9/doses", Cancel);
        Assert.Equal(12, all.GetProperty("doses").GetArrayLength());
        var first = all.GetProperty("doses")[0];
        Assert.Equal("insulin", first.GetProperty("drug").GetString());
        Assert.Equal("U", first.GetProperty("unit").GetString());
        Assert.Equal(3, first.GetProperty("bolusUnits").GetDouble());
        Assert.Equal(5, first.GetProperty("durationMinutes").GetDouble());
        Assert.Equal("controller-decision", first.GetProperty("reason").GetString());

        var some = await clinician.GetFromJsonAsync<JsonElement>("/v1/wearers/W-9/doses?from=2026-11-26T00:20:00Z&to=2026-11-26T00:30:00Z", Cancel);
        var rows = some.GetProperty("doses");
        Assert.Equal(2, rows.GetArrayLength());
        Assert.Equal("suspend", rows[1].GetProperty("reason").GetString());

        Assert.Equal(2, (await server.SequencedAsync()).Scalar("SELECT COUNT(*) FROM ledger_entries WHERE kind = 'RecordAccessed' AND wearer = 'W-9'"));
        await ProblemAsync(await clinician.GetAsync("/v1/wearers/W-404/doses", Cancel), HttpStatusCode.NotFound);
        await ProblemAsync(await device.GetAsync("/v1/wearers/W-9/doses", Cancel), HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Clinician_reads_rhythm_events_by_kind_and_range_and_a_repeated_event_is_a_conflict()
    {
        await using var server = await HermesServer.StartAsync();
        var device = await server.ClientAsync(Role.Device);
        var t = Vitals.Start;
        var bundle = Vitals.Glucose("W-8", t, 60) with { Doses = [] };
        bundle = bundle with
        {
            Events =
            [
                new(Core.Events.PatchEventKind.AtrialFibrillation, t.AddMinutes(1), t.AddMinutes(14), null, "ongoing when the recording stopped"),
                new(Core.Events.PatchEventKind.Pause, t.AddMinutes(20), t.AddMinutes(20).AddSeconds(2.6), 2.6, null),
                new(Core.Events.PatchEventKind.VentricularRun, t.AddMinutes(40), t.AddMinutes(40).AddSeconds(2), 4, null),
            ],
        };
        Assert.Equal(HttpStatusCode.Created, (await device.PostAsync("/v1/bundles", await SealedAsync(server, bundle), Cancel)).StatusCode);
        var clinician = await server.ClientAsync(Role.Clinician);

        var all = (await clinician.GetFromJsonAsync<JsonElement>("/v1/wearers/W-8/events", Cancel)).GetProperty("events");
        Assert.Equal(["atrial-fibrillation", "pause", "ventricular-run"], all.EnumerateArray().Select(e => e.GetProperty("kind").GetString()));
        Assert.Equal("ongoing when the recording stopped", all[0].GetProperty("detail").GetString());
        Assert.Equal(JsonValueKind.Null, all[0].GetProperty("value").ValueKind);
        Assert.Equal(2.6, all[1].GetProperty("value").GetDouble());
        Assert.Equal(t.AddMinutes(14), all[0].GetProperty("end").GetDateTimeOffset());

        var pauses = (await clinician.GetFromJsonAsync<JsonElement>("/v1/wearers/W-8/events?kind=pause", Cancel)).GetProperty("events");
        Assert.Equal(1, pauses.GetArrayLength());
        var later = (await clinician.GetFromJsonAsync<JsonElement>($"/v1/wearers/W-8/events?from={Uri.EscapeDataString(t.AddMinutes(10).ToString("O", System.Globalization.CultureInfo.InvariantCulture))}", Cancel)).GetProperty("events");
        Assert.Equal(2, later.GetArrayLength());
        Assert.Equal(3, (await server.SequencedAsync()).Scalar("SELECT COUNT(*) FROM ledger_entries WHERE kind = 'RecordAccessed' AND wearer = 'W-8'"));
        await ProblemAsync(await clinician.GetAsync("/v1/wearers/W-8/events?kind=flutter", Cancel), HttpStatusCode.BadRequest);
        await ProblemAsync(await device.GetAsync("/v1/wearers/W-8/events", Cancel), HttpStatusCode.Forbidden);

        // The same event again, in a later bundle, is refused whole.
        var again = Vitals.Glucose("W-8", t.AddHours(2), 10) with { Doses = [], Events = [bundle.Events[1]] };
        Assert.Equal(HttpStatusCode.Conflict, (await device.PostAsync("/v1/bundles", await SealedAsync(server, again), Cancel)).StatusCode);
        Assert.Equal(3, server.Database.Scalar("SELECT COUNT(*) FROM events"));
    }

    [Theory]
    [InlineData("/v1/wearers/W-1/doses?from=yesterday", "from")]
    [InlineData("/v1/wearers/W-1/doses?from=2026-11-27T00:00:00Z&to=2026-11-26T00:00:00Z", "to")]
    [InlineData("/v1/wearers/W-1/observations?code=9999-9", "code")]
    [InlineData("/v1/wearers/W-1/observations?from=yesterday", "from")]
    [InlineData("/v1/wearers/W-1/observations?limit=0", "limit")]
    [InlineData("/v1/wearers/bad%20id/observations", "id")]
    [InlineData("/v1/alerts?level=severe", "level")]
    public async Task Bad_query_is_400_naming_the_parameter(string url, string where)
    {
        await using var server = await HermesServer.StartAsync();
        var clinician = await server.ClientAsync(Role.Clinician);
        var problem = await ProblemAsync(await clinician.GetAsync(url, Cancel), HttpStatusCode.BadRequest);
        Assert.Equal(where, problem.GetProperty("errors")[0].GetProperty("where").GetString());
    }

    [Fact]
    public async Task Unknown_wearer_is_404_and_device_or_admin_may_not_read()
    {
        await using var server = await HermesServer.StartAsync();
        await ProblemAsync(await (await server.ClientAsync(Role.Clinician)).GetAsync("/v1/wearers/W-404/risk", Cancel), HttpStatusCode.NotFound);
        await ProblemAsync(await (await server.ClientAsync(Role.Device)).GetAsync("/v1/wearers/W-404/risk", Cancel), HttpStatusCode.Forbidden);
        await ProblemAsync(await (await server.ClientAsync(Role.Admin)).GetAsync("/v1/wearers/W-404/observations", Cancel), HttpStatusCode.Forbidden);
        await ProblemAsync(await server.Client().GetAsync("/v1/alerts", Cancel), HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Admin_issues_tokens_that_work_and_others_may_not()
    {
        await using var server = await HermesServer.StartAsync();
        var admin = await server.ClientAsync(Role.Admin);
        var created = await admin.PostAsync("/v1/tokens", Json("{\"role\":\"device\"}"), Cancel);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        string token = (await created.Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("token").GetString()!;
        var upload = await server.Client(token).PostAsync("/v1/bundles", await SealedAsync(server, Vitals.Minutes("W-1", Vitals.Start, 2)), Cancel);
        Assert.Equal(HttpStatusCode.Created, upload.StatusCode);
        await ProblemAsync(await admin.PostAsync("/v1/tokens", Json("{\"role\":\"root\"}"), Cancel), HttpStatusCode.BadRequest);
        await ProblemAsync(await (await server.ClientAsync(Role.Clinician)).PostAsync("/v1/tokens", Json("{\"role\":\"admin\"}"), Cancel), HttpStatusCode.Forbidden);
        Assert.Equal(0, server.Database.Scalar("SELECT COUNT(*) FROM tokens WHERE sha256 = CAST('" + token + "' AS BLOB)"));
    }

    [Fact]
    public async Task Acknowledging_an_alert_records_who_and_suppresses_re_alerts_of_that_level()
    {
        await using var server = await HermesServer.StartAsync();
        var device = await server.ClientAsync(Role.Device);
        var clinician = await server.ClientAsync(Role.Clinician);
        var start = Vitals.Now.AddHours(-8);
        await device.PostAsync("/v1/bundles", await SealedAsync(server, Vitals.Minutes("W-5", start, 60, ill: true)), Cancel);
        var alerts = await clinician.GetFromJsonAsync<JsonElement>("/v1/alerts", Cancel);
        long id = alerts.GetProperty("alerts")[0].GetProperty("id").GetInt64();

        var ack = await clinician.PostAsync($"/v1/alerts/{id}/ack", null, Cancel);
        Assert.Equal(HttpStatusCode.OK, ack.StatusCode);
        var body = await ack.Content.ReadFromJsonAsync<JsonElement>(Cancel);
        Assert.StartsWith("tok_", body.GetProperty("acknowledgedBy").GetString(), StringComparison.Ordinal);
        var again = await (await clinician.PostAsync($"/v1/alerts/{id}/ack", null, Cancel)).Content.ReadFromJsonAsync<JsonElement>(Cancel);
        Assert.Equal(body.GetProperty("acknowledgedAt").GetString(), again.GetProperty("acknowledgedAt").GetString());
        Assert.Equal(1, (await server.SequencedAsync()).Scalar("SELECT COUNT(*) FROM ledger_entries WHERE kind = 'AlertAcknowledged' AND wearer = 'W-5'"));
        Assert.Equal(1, (await server.SequencedAsync()).Scalar("SELECT COUNT(*) FROM ledger_entries WHERE kind = 'AlertAcknowledged' AND wearer = 'W-5' AND json_extract(CAST(data AS TEXT), '$.alertKind') = 'news2'"));

        // Recovery closes the episode; a relapse within the suppression window does not alert again.
        await device.PostAsync("/v1/bundles", await SealedAsync(server, Vitals.Minutes("W-5", start.AddHours(1), 120)), Cancel);
        await device.PostAsync("/v1/bundles", await SealedAsync(server, Vitals.Minutes("W-5", start.AddHours(3), 60, ill: true)), Cancel);
        Assert.Equal(1, server.Database.Scalar("SELECT COUNT(*) FROM alerts"));

        await ProblemAsync(await clinician.PostAsync("/v1/alerts/999/ack", null, Cancel), HttpStatusCode.NotFound);
        await ProblemAsync(await clinician.PostAsync("/v1/alerts/abc/ack", null, Cancel), HttpStatusCode.BadRequest);
        await ProblemAsync(await device.PostAsync($"/v1/alerts/{id}/ack", null, Cancel), HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Without_acknowledgement_a_relapse_alerts_again()
    {
        await using var server = await HermesServer.StartAsync();
        var device = await server.ClientAsync(Role.Device);
        var start = Vitals.Now.AddHours(-8);
        await device.PostAsync("/v1/bundles", await SealedAsync(server, Vitals.Minutes("W-6", start, 60, ill: true)), Cancel);
        await device.PostAsync("/v1/bundles", await SealedAsync(server, Vitals.Minutes("W-6", start.AddHours(1), 120)), Cancel);
        await device.PostAsync("/v1/bundles", await SealedAsync(server, Vitals.Minutes("W-6", start.AddHours(3), 60, ill: true)), Cancel);
        Assert.Equal(2, server.Database.Scalar("SELECT COUNT(*) FROM alerts"));
    }

    [Fact]
    public async Task Wearer_ledger_lists_record_accesses_with_proofs_that_verify_offline()
    {
        await using var server = await HermesServer.StartAsync();
        var device = await server.ClientAsync(Role.Device);
        await device.PostAsync("/v1/bundles", await SealedAsync(server, Vitals.Minutes("W-8", Vitals.Start, 20)), Cancel);
        var clinician = await server.ClientAsync(Role.Clinician);
        await clinician.GetAsync("/v1/wearers/W-8/observations", Cancel);
        await server.SignTreeHeadAsync();
        var ledger = await clinician.GetFromJsonAsync<JsonElement>("/v1/wearers/W-8/ledger", Cancel);
        var entries = ledger.GetProperty("entries");
        // The patch's registration for W-8 and the observations read, proven under the scheduled head;
        // this ledger read itself is pending until the next head.
        Assert.Equal(["DeviceRegistered", "RecordAccessed"], entries.EnumerateArray().Select(e => e.GetProperty("entry").GetProperty("kind").GetString()));
        Assert.Equal(1, ledger.GetProperty("pending").GetArrayLength());
        var keys = await server.Client().GetFromJsonAsync<JsonElement>("/v1/keys", Cancel);
        var ledgerKey = Trust.Identity.HybridVerificationKey.Import(Convert.FromBase64String(keys.GetProperty("ledger").GetProperty("publicKey").GetString()!));
        foreach (var entry in entries.EnumerateArray())
        {
            var proof = Trust.Ledger.InclusionProofDocument.Parse(entry.GetRawText(), "response");
            Assert.True(proof.Check(ledgerKey).IsValid);
        }
        Assert.Equal(1, (await server.SequencedAsync()).Scalar("SELECT COUNT(*) FROM ledger_entries WHERE kind = 'BundleAccepted'"));
    }

    [Fact]
    public async Task Reading_the_ledger_view_300_times_signs_no_head_and_each_page_stays_bounded()
    {
        await using var server = await HermesServer.StartAsync();
        var device = await server.ClientAsync(Role.Device);
        await device.PostAsync("/v1/bundles", await SealedAsync(server, Vitals.Minutes("W-8", Vitals.Start, 20)), Cancel);
        await server.SignTreeHeadAsync();
        var clinician = await server.ClientAsync(Role.Clinician);
        long heads = server.Database.Scalar("SELECT COUNT(*) FROM ledger_tree_heads");
        int largest = 0;
        for (int i = 0; i < 300; i++)
        {
            string page = await clinician.GetStringAsync("/v1/wearers/W-8/ledger?limit=20", Cancel);
            largest = Math.Max(largest, page.Length);
        }
        // Every read is audited (300 RecordAccessed entries), yet no read signed a head (it was 300 heads and 1.76 MB before).
        Assert.Equal(300, (await server.SequencedAsync()).Scalar("SELECT COUNT(*) FROM ledger_entries WHERE kind = 'RecordAccessed' AND wearer = 'W-8'"));
        Assert.Equal(heads, server.Database.Scalar("SELECT COUNT(*) FROM ledger_tree_heads"));
        Assert.InRange(largest, 1, 64 * 1024);
        // Paging walks every entry exactly once.
        await server.SignTreeHeadAsync();
        var seen = new List<long>();
        long? after = null;
        do
        {
            var page = await clinician.GetFromJsonAsync<JsonElement>($"/v1/wearers/W-8/ledger?limit=100{(after is null ? "" : $"&after={after}")}", Cancel);
            seen.AddRange(page.GetProperty("entries").EnumerateArray().Select(e => e.GetProperty("index").GetInt64()));
            seen.AddRange(page.GetProperty("pending").EnumerateArray().Select(e => e.GetProperty("index").GetInt64()));
            after = page.GetProperty("nextAfter").ValueKind == JsonValueKind.Null ? null : page.GetProperty("nextAfter").GetInt64();
        }
        while (after is not null);
        Assert.Equal(seen.Distinct().Count(), seen.Count);
        Assert.Equal((await server.SequencedAsync()).Scalar("SELECT COUNT(*) FROM ledger_entries WHERE wearer = 'W-8'"), seen.Count);
    }

    [Fact]
    public async Task Replayed_tampered_and_unknown_device_bundles_are_refused_and_nothing_is_stored()
    {
        await using var server = await HermesServer.StartAsync();
        var device = await server.ClientAsync(Role.Device);
        var first = await server.Devices.SealAsync(Vitals.Minutes("W-1", Vitals.Start, 5));
        Assert.Equal(HttpStatusCode.Created, (await device.PostAsync("/v1/bundles", Sealed(first), Cancel)).StatusCode);

        // The same device re-using sequence 1 for other content: a replay.
        var replay = Trust.Bundles.BundleSealer.Seal(Vitals.Encode(Vitals.Minutes("W-1", Vitals.Start.AddHours(1), 5)), "P-W-1", 1,
            TestDevices.SharedKey, server.Devices.Hermes, Vitals.Now);
        await ProblemAsync(await device.PostAsync("/v1/bundles", Sealed(replay), Cancel), HttpStatusCode.Conflict);

        var tampered = await server.Devices.SealAsync(Vitals.Minutes("W-1", Vitals.Start.AddHours(2), 5));
        tampered[tampered.Length / 2] ^= 0x40;
        var bad = await ProblemAsync(await device.PostAsync("/v1/bundles", Sealed(tampered), Cancel), HttpStatusCode.BadRequest);
        Assert.Contains("sealed bundle", bad.GetProperty("errors")[0].GetProperty("where").GetString(), StringComparison.Ordinal);

        var stranger = Trust.Bundles.BundleSealer.Seal(Vitals.Encode(Vitals.Minutes("W-2", Vitals.Start, 5)), "P-W-2", 1,
            Trust.Identity.HybridSigningKey.Generate(), server.Devices.Hermes, Vitals.Now);
        var unknown = await ProblemAsync(await device.PostAsync("/v1/bundles", Sealed(stranger), Cancel), HttpStatusCode.BadRequest);
        Assert.Contains("UnknownDevice", unknown.GetProperty("errors")[0].GetProperty("where").GetString(), StringComparison.Ordinal);

        var truncated = first.AsSpan(0, first.Length - 100).ToArray();
        await ProblemAsync(await device.PostAsync("/v1/bundles", Sealed(truncated), Cancel), HttpStatusCode.BadRequest);
        Assert.Equal(1, server.Database.Scalar("SELECT COUNT(*) FROM bundles"));
    }

    [Fact]
    public async Task Admin_registers_and_revokes_devices_and_classical_only_identities_are_refused()
    {
        await using var server = await HermesServer.StartAsync();
        var admin = await server.ClientAsync(Role.Admin);
        var key = Trust.Identity.HybridSigningKey.Generate();
        string body = $$"""{"deviceId":"P-77","wearerId":"W-77","kioskId":"K-1","algorithm":"hybrid-ed25519-mldsa65","publicKey":"{{Convert.ToBase64String(key.PublicKey.Export())}}"}""";
        Assert.Equal(HttpStatusCode.Created, (await admin.PostAsync("/v1/devices", Json(body), Cancel)).StatusCode);
        await ProblemAsync(await admin.PostAsync("/v1/devices", Json(body), Cancel), HttpStatusCode.BadRequest);
        var rsa = await ProblemAsync(await admin.PostAsync("/v1/devices", Json("""{"deviceId":"P-78","wearerId":"W-78","algorithm":"RSA","publicKey":"AAAA"}"""), Cancel), HttpStatusCode.BadRequest);
        Assert.Contains("classical-only", rsa.GetProperty("detail").GetString(), StringComparison.Ordinal);

        var device = await server.ClientAsync(Role.Device);
        var bundle = Vitals.Minutes("W-77", Vitals.Start, 5) with { PatchId = Core.Ids.PatchId.Parse("P-77") };
        var sealedBundle = Trust.Bundles.BundleSealer.Seal(Vitals.Encode(bundle), "P-77", 1, key, server.Devices.Hermes, Vitals.Now);
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync("/v1/devices/P-77/revoke", null, Cancel)).StatusCode);
        var revoked = await ProblemAsync(await device.PostAsync("/v1/bundles", Sealed(sealedBundle), Cancel), HttpStatusCode.BadRequest);
        Assert.Contains("RevokedDevice", revoked.GetProperty("errors")[0].GetProperty("where").GetString(), StringComparison.Ordinal);
        await ProblemAsync(await admin.PostAsync("/v1/devices/P-404/revoke", null, Cancel), HttpStatusCode.NotFound);
        await ProblemAsync(await (await server.ClientAsync(Role.Clinician)).PostAsync("/v1/devices", Json(body), Cancel), HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task A_released_model_is_loaded_by_the_kiosk_only_if_its_hash_is_proven_in_the_ledger()
    {
        await using var server = await HermesServer.StartAsync();
        byte[] model = Encoding.UTF8.GetBytes("int8 weights v3");
        string sha = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(model));
        var admin = await server.ClientAsync(Role.Admin);
        var released = await admin.PostAsync("/v1/models", Json($$"""{"name":"beats","version":"3","sha256":"{{sha}}"}"""), Cancel);
        Assert.Equal(HttpStatusCode.Created, released.StatusCode);
        await ProblemAsync(await admin.PostAsync("/v1/models", Json("""{"name":"beats","version":"4","sha256":"abc"}"""), Cancel), HttpStatusCode.BadRequest);

        var device = await server.ClientAsync(Role.Device);
        var proof = Trust.Ledger.InclusionProofDocument.Parse(await device.GetStringAsync("/v1/models/beats", Cancel), "response");
        var keys = await server.Client().GetFromJsonAsync<JsonElement>("/v1/keys", Cancel);
        var ledgerKey = Trust.Identity.HybridVerificationKey.Import(Convert.FromBase64String(keys.GetProperty("ledger").GetProperty("publicKey").GetString()!));

        var gate = new Kiosk.Models.ModelGate(ledgerKey);
        Assert.Equal("3", gate.Approve(model, "beats", proof).Version);
        byte[] altered = Encoding.UTF8.GetBytes("int8 weights v3 with a quiet change");
        Assert.Throws<Kiosk.Models.ModelRefusedException>(() => gate.Approve(altered, "beats", proof));
        Assert.Throws<Kiosk.Models.ModelRefusedException>(() => gate.Approve(model, "sepsis", proof));
        var otherLog = new Kiosk.Models.ModelGate(Trust.Identity.HybridSigningKey.Generate().PublicKey);
        Assert.Throws<Kiosk.Models.ModelRefusedException>(() => otherLog.Approve(model, "beats", proof));

        await ProblemAsync(await device.GetAsync("/v1/models/unknown", Cancel), HttpStatusCode.NotFound);
        await ProblemAsync(await device.PostAsync("/v1/models", Json($$"""{"name":"beats","version":"5","sha256":"{{sha}}"}"""), Cancel), HttpStatusCode.Forbidden);
    }

    private static string ReplaceFirst(string text, string from, string to)
    {
        int at = text.IndexOf(from, StringComparison.Ordinal);
        Assert.True(at >= 0, $"'{from}' not in the bundle");
        return string.Concat(text.AsSpan(0, at), to, text.AsSpan(at + from.Length));
    }

    private static string SwapMinutes(string valid)
    {
        var doc = System.Text.Json.Nodes.JsonNode.Parse(valid)!;
        var list = doc["observations"]!.AsArray();
        var moved = list[5]!.DeepClone();
        var earlier = list[0]!.DeepClone();
        list[5] = earlier;
        list[0] = moved;
        return doc.ToJsonString();
    }

    private static string DuplicateFirst(string valid)
    {
        var doc = System.Text.Json.Nodes.JsonNode.Parse(valid)!;
        var list = doc["observations"]!.AsArray();
        list.Insert(1, list[0]!.DeepClone());
        return doc.ToJsonString();
    }
}
