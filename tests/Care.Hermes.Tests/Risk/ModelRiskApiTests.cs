using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Care.Hermes.Access;
using Care.Hermes.Tests.Api;

namespace Care.Hermes.Tests.Risk;

/// <summary>Explained sepsis-model alerts end to end: device uploads, clinician reads, acknowledges.</summary>
public sealed class ModelRiskApiTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    /// <summary>A day of steady vitals, 6 h ill, 48 h recovered, 6 h ill again: one bundle per phase.</summary>
    private static readonly (int Hours, bool Ill)[] Course = [(24, false), (6, true), (48, false), (6, true)];

    private static async Task UploadAsync(HermesServer server, HttpClient device, string wearer, DateTimeOffset start, int phases)
    {
        var t = start;
        foreach (var (hours, ill) in Course.Take(phases))
        {
            var content = new ByteArrayContent(await server.Devices.SealAsync(Vitals.Minutes(wearer, t, hours * 60, ill)));
            content.Headers.ContentType = new("application/vnd.care.sealed-bundle");
            var response = await device.PostAsync("/v1/bundles", content, Cancel);
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
            t = t.AddHours(hours);
        }
    }

    private static async Task<JsonElement[]> ModelAlertsAsync(HttpClient clinician, string wearer)
    {
        var body = await clinician.GetFromJsonAsync<JsonElement>("/v1/alerts?kind=sepsis-model", Cancel);
        return [.. body.GetProperty("alerts").EnumerateArray().Where(a => a.GetProperty("wearerId").GetString() == wearer)];
    }

    [Fact]
    public async Task Model_risk_alert_is_raised_during_the_illness_and_explained_through_the_api()
    {
        await using var server = await HermesServer.StartAsync(sepsisModelPath: ModelFile.Path);
        var device = await server.ClientAsync(Role.Device);
        var clinician = await server.ClientAsync(Role.Clinician);
        var start = Vitals.Now.AddDays(-3);
        await UploadAsync(server, device, "W-31", start, phases: 1);
        Assert.Empty(await ModelAlertsAsync(clinician, "W-31"));
        var content = new ByteArrayContent(await server.Devices.SealAsync(Vitals.Minutes("W-31", start.AddHours(24), 6 * 60, ill: true)));
        content.Headers.ContentType = new("application/vnd.care.sealed-bundle");
        Assert.Equal(HttpStatusCode.Created, (await device.PostAsync("/v1/bundles", content, Cancel)).StatusCode);

        var alert = Assert.Single(await ModelAlertsAsync(clinician, "W-31"));
        Assert.Equal("sepsis-model", alert.GetProperty("kind").GetString());
        Assert.Contains(alert.GetProperty("level").GetString(), new[] { "medium", "high" });
        var raised = alert.GetProperty("raisedAt").GetDateTimeOffset();
        Assert.InRange(raised, start.AddHours(25), start.AddHours(30));
        var e = alert.GetProperty("explanation");
        int score = e.GetProperty("score").GetInt32();
        Assert.Equal(score, alert.GetProperty("score").GetInt32());
        Assert.InRange(score, 0, 100);
        double p = e.GetProperty("probability").GetDouble();
        Assert.InRange(100 * p, score - 1.0, score + 1.0);
        Assert.InRange(p, e.GetProperty("interval95").GetProperty("low").GetDouble(), e.GetProperty("interval95").GetProperty("high").GetDouble());
        // The shown score lies in its shown interval, and the level follows from the stated rule on that score.
        var shown = e.GetProperty("scoreInterval95");
        Assert.InRange(score, shown.GetProperty("low").GetInt32(), shown.GetProperty("high").GetInt32());
        var rule = e.GetProperty("levelRule");
        int elevatedFrom = rule.GetProperty("elevatedFromScore").GetInt32(), alarmFrom = rule.GetProperty("alarmFromScore").GetInt32();
        Assert.Equal(score >= alarmFrom ? "high" : score >= elevatedFrom ? "elevated" : "low", e.GetProperty("level").GetString());
        var top = e.GetProperty("topContributions").EnumerateArray().ToList();
        Assert.InRange(top.Count, 1, 5);
        Assert.All(top, c => Assert.False(string.IsNullOrEmpty(c.GetProperty("feature").GetString())));
        Assert.Equal(39.5, e.GetProperty("inputs").GetProperty("temperatureCelsius").GetDouble(), 2);
        string reason = alert.GetProperty("reason").GetString()!;
        Assert.Contains("ICU", reason, StringComparison.Ordinal);
        Assert.Contains("does not replace", reason, StringComparison.Ordinal);
        Assert.Contains(top[0].GetProperty("feature").GetString()!, reason, StringComparison.Ordinal);
        Assert.Contains($"alarm from {alarmFrom}", reason, StringComparison.Ordinal);
        Assert.Contains($"95 % interval {shown.GetProperty("low").GetInt32()}-{shown.GetProperty("high").GetInt32()})", reason, StringComparison.Ordinal);

        // The wearer's latest explained risk comes through the audited record gate.
        var risk = await clinician.GetFromJsonAsync<JsonElement>("/v1/wearers/W-31/risk", Cancel);
        var model = risk.GetProperty("model");
        Assert.InRange(model.GetProperty("score").GetInt32(), 0, 100);
        Assert.Contains("ICU", model.GetProperty("notice").GetString(), StringComparison.Ordinal);
        // The alert list read (it returned this wearer's explanation, with vitals) and the risk read.
        Assert.Equal(2, (await server.SequencedAsync()).Scalar("SELECT COUNT(*) FROM ledger_entries WHERE kind = 'RecordAccessed' AND wearer = 'W-31'"));
        // 30 hours of data: 29 closed hours scored, the last stays open until more data arrives.
        Assert.Equal(29, server.Database.Scalar("SELECT COUNT(*) FROM model_risks"));
    }

    [Fact]
    public async Task Acknowledging_a_model_alert_suppresses_its_relapse_but_not_news2_and_is_in_the_ledger()
    {
        await using var server = await HermesServer.StartAsync(sepsisModelPath: ModelFile.Path);
        var device = await server.ClientAsync(Role.Device);
        var clinician = await server.ClientAsync(Role.Clinician);
        var start = Vitals.Now.AddDays(-4);
        await UploadAsync(server, device, "W-32", start, phases: 2);
        await UploadAsync(server, device, "W-33", start, phases: 2);
        long id = Assert.Single(await ModelAlertsAsync(clinician, "W-32")).GetProperty("id").GetInt64();

        Assert.Equal(HttpStatusCode.Forbidden, (await device.PostAsync($"/v1/alerts/{id}/ack", null, Cancel)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await device.GetAsync("/v1/alerts", Cancel)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await server.Client().GetAsync("/v1/alerts", Cancel)).StatusCode);
        var ack = await clinician.PostAsync($"/v1/alerts/{id}/ack", null, Cancel);
        Assert.Equal(HttpStatusCode.OK, ack.StatusCode);
        Assert.Equal("sepsis-model", (await ack.Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("kind").GetString());
        Assert.Equal(1, (await server.SequencedAsync()).Scalar("SELECT COUNT(*) FROM ledger_entries WHERE kind = 'AlertAcknowledged' AND wearer = 'W-32'"));
        // The ledger entry names the kind that was acknowledged, not only its level.
        Assert.Equal(1, (await server.SequencedAsync()).Scalar("SELECT COUNT(*) FROM ledger_entries WHERE kind = 'AlertAcknowledged' AND wearer = 'W-32' AND json_extract(CAST(data AS TEXT), '$.alertKind') = 'sepsis-model'"));

        // Recovery closes both episodes; the relapse lies inside the 4-hour suppression window (the clock is after the data).
        await UploadRestAsync(server, device, "W-32", start);
        await UploadRestAsync(server, device, "W-33", start);
        Assert.Single(await ModelAlertsAsync(clinician, "W-32"));
        // The same course without an acknowledgement re-alerts on the relapse (how often depends on the shipped model).
        Assert.True((await ModelAlertsAsync(clinician, "W-33")).Length >= 2, "the unacknowledged wearer re-alerts on the relapse");
        var news2 = (await clinician.GetFromJsonAsync<JsonElement>("/v1/alerts?kind=news2", Cancel)).GetProperty("alerts").EnumerateArray()
            .Count(a => a.GetProperty("wearerId").GetString() == "W-32");
        Assert.Equal(2, news2);
        Assert.Equal(HttpStatusCode.BadRequest, (await clinician.GetAsync("/v1/alerts?kind=sepsis", Cancel)).StatusCode);
    }

    private static async Task UploadRestAsync(HermesServer server, HttpClient device, string wearer, DateTimeOffset start)
    {
        var t = start.AddHours(Course[0].Hours + Course[1].Hours);
        foreach (var (hours, ill) in Course.Skip(2))
        {
            var content = new ByteArrayContent(await server.Devices.SealAsync(Vitals.Minutes(wearer, t, hours * 60, ill)));
            content.Headers.ContentType = new("application/vnd.care.sealed-bundle");
            Assert.Equal(HttpStatusCode.Created, (await device.PostAsync("/v1/bundles", content, Cancel)).StatusCode);
            t = t.AddHours(hours);
        }
    }
}
