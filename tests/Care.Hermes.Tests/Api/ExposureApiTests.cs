using System.Net;
using System.Text;
using System.Text.Json;
using Care.Epidemic.Proximity;
using Care.Hermes.Access;

namespace Care.Hermes.Tests.Api;

/// <summary>The exposure API's refusals (ADR 0021): each names the problem and where, and nothing is published.</summary>
public sealed class ExposureApiTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private static StringContent Json(object body) => new(JsonSerializer.Serialize(body), Encoding.UTF8, "application/json");

    internal static async Task<HermesServer> WithWearerAsync(params string[] wearers)
    {
        var server = await HermesServer.StartAsync();
        var device = await server.ClientAsync(Role.Device);
        foreach (var wearer in wearers)
        {
            var upload = new ByteArrayContent(await server.Devices.SealAsync(Vitals.Minutes(wearer, Vitals.Start, 5)));
            upload.Headers.ContentType = new("application/vnd.care.sealed-bundle");
            Assert.Equal(HttpStatusCode.Created, (await device.PostAsync("/v1/bundles", upload, Cancel)).StatusCode);
        }
        return server;
    }

    internal static async Task<string> IssueCodeAsync(HermesServer server, string wearer)
    {
        var clinician = await server.ClientAsync(Role.Clinician);
        var answer = await clinician.PostAsync("/v1/exposure/verification-codes", Json(new { wearerId = wearer }), Cancel);
        Assert.Equal(HttpStatusCode.Created, answer.StatusCode);
        using var json = JsonDocument.Parse(await answer.Content.ReadAsStringAsync(Cancel));
        return json.RootElement.GetProperty("verificationCode").GetString()!;
    }

    private static int Today => EnInterval.KeyPeriodStart(EnInterval.FromTime(Vitals.Now));

    private static object Key(int daysAgo, byte fill = 0, int? start = null, int period = 144, int bytes = 16) => new
    {
        keyData = Convert.ToBase64String(Enumerable.Repeat((byte)(fill + daysAgo), bytes).ToArray()),
        rollingStartIntervalNumber = start ?? Today - (daysAgo * 144),
        rollingPeriod = period,
        transmissionRiskLevel = 4,
    };

    private static async Task<(HttpStatusCode Status, string Body)> UploadAsync(HttpClient device, object body)
    {
        var answer = await device.PostAsync("/v1/exposure/diagnosis-keys", Json(body), Cancel);
        return (answer.StatusCode, await answer.Content.ReadAsStringAsync(Cancel));
    }

    [Fact]
    public async Task Only_a_clinician_issues_codes_for_a_known_wearer_and_the_code_is_answered_once_with_no_store()
    {
        await using var server = await WithWearerAsync("W-A");
        var device = await server.ClientAsync(Role.Device);
        Assert.Equal(HttpStatusCode.Forbidden, (await device.PostAsync("/v1/exposure/verification-codes", Json(new { wearerId = "W-A" }), Cancel)).StatusCode);
        var clinician = await server.ClientAsync(Role.Clinician);
        Assert.Equal(HttpStatusCode.NotFound, (await clinician.PostAsync("/v1/exposure/verification-codes", Json(new { wearerId = "W-Z" }), Cancel)).StatusCode);
        var bad = await clinician.PostAsync("/v1/exposure/verification-codes", Json(new { wearerId = "W-A", reportType = "self-report" }), Cancel);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("$.reportType", await bad.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
        var answer = await clinician.PostAsync("/v1/exposure/verification-codes", Json(new { wearerId = "W-A", symptomOnset = "2026-11-25" }), Cancel);
        Assert.Equal(HttpStatusCode.Created, answer.StatusCode);
        Assert.Equal("no-store", answer.Headers.CacheControl?.ToString());
        using var json = JsonDocument.Parse(await answer.Content.ReadAsStringAsync(Cancel));
        Assert.Matches("^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}$", json.RootElement.GetProperty("verificationCode").GetString());
        Assert.Equal(1, server.Database.Scalar("SELECT COUNT(*) FROM exposure_codes"));
    }

    [Theory]
    [InlineData("no-code", HttpStatusCode.BadRequest, "$.verificationCode")]
    [InlineData("malformed-code", HttpStatusCode.BadRequest, "$.verificationCode")]
    [InlineData("short-key", HttpStatusCode.BadRequest, "$.keys[1].keyData")]
    [InlineData("unaligned-start", HttpStatusCode.BadRequest, "$.keys[1].rollingStartIntervalNumber")]
    [InlineData("period-too-long", HttpStatusCode.BadRequest, "$.keys[1]")]
    [InlineData("future-key", HttpStatusCode.BadRequest, "is in the future")]
    [InlineData("too-old", HttpStatusCode.BadRequest, "more than 14 days old")]
    [InlineData("duplicate-key", HttpStatusCode.BadRequest, "repeats $.keys[0]")]
    [InlineData("two-keys-one-day", HttpStatusCode.BadRequest, "one key per UTC day")]
    [InlineData("no-keys", HttpStatusCode.BadRequest, "$.keys")]
    [InlineData("unknown-code", HttpStatusCode.Forbidden, "no such verification code")]
    [InlineData("expired-code", HttpStatusCode.Forbidden, "expired")]
    [InlineData("used-code", HttpStatusCode.Conflict, "already used")]
    public async Task Given_a_bad_upload_Then_it_is_refused_naming_the_problem_and_nothing_is_published(string bad, HttpStatusCode status, string named)
    {
        await using var server = await WithWearerAsync("W-A");
        var device = await server.ClientAsync(Role.Device);
        var code = await IssueCodeAsync(server, "W-A");
        object[] keys = bad switch
        {
            "short-key" => [Key(1), Key(2, bytes: 15)],
            "unaligned-start" => [Key(1), Key(2, start: Today - 200)],
            "period-too-long" => [Key(1), Key(2, period: 200)],
            "future-key" => [Key(1), Key(-2)],
            "too-old" => [Key(1), Key(15)],
            "duplicate-key" => [Key(1), new { keyData = Convert.ToBase64String(Enumerable.Repeat((byte)1, 16).ToArray()), rollingStartIntervalNumber = Today - 288, rollingPeriod = 144 }],
            "two-keys-one-day" => [Key(1), Key(1, fill: 50)],
            "no-keys" => [],
            _ => [Key(1), Key(2)],
        };
        if (bad == "used-code")
        {
            Assert.Equal(HttpStatusCode.OK, (await UploadAsync(device, new { verificationCode = code, keys = new[] { Key(3, fill: 90) } })).Status);
            server.Database.Execute("DELETE FROM diagnosis_keys");
        }
        if (bad == "expired-code")
        {
            server.Clock.Advance(TimeSpan.FromHours(24));
        }
        object body = bad switch
        {
            "no-code" => new { keys },
            "malformed-code" => new { verificationCode = "12345678", keys },
            "unknown-code" => new { verificationCode = "0000-0000-0000-0000", keys },
            _ => new { verificationCode = code, keys },
        };
        var (actual, text) = await UploadAsync(device, body);
        Assert.Equal(status, actual);
        Assert.Contains(named, text, StringComparison.Ordinal);
        Assert.Equal(0, server.Database.Scalar("SELECT COUNT(*) FROM diagnosis_keys"));
        if (bad is not ("used-code" or "unknown-code"))
        {
            Assert.Equal(1, server.Database.Scalar("SELECT COUNT(*) FROM exposure_codes"));
        }
    }

    [Fact]
    public async Task A_retried_upload_answers_already_published_and_stores_nothing_twice()
    {
        await using var server = await WithWearerAsync("W-A");
        var device = await server.ClientAsync(Role.Device);
        var code = await IssueCodeAsync(server, "W-A");
        var body = new { verificationCode = code, keys = new[] { Key(1), Key(2), Key(3) } };
        var first = await UploadAsync(device, body);
        var again = await UploadAsync(device, body);
        Assert.Equal(HttpStatusCode.OK, first.Status);
        Assert.Contains("\"published\"", first.Body, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, again.Status);
        Assert.Contains("already-published", again.Body, StringComparison.Ordinal);
        Assert.Equal(3, server.Database.Scalar("SELECT COUNT(*) FROM diagnosis_keys"));
    }

    [Fact]
    public async Task Exports_are_public_publication_is_for_admins_and_an_unknown_export_is_404()
    {
        await using var server = await WithWearerAsync("W-A");
        var anonymous = server.Client();
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/v1/exposure/exports", Cancel)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync("/v1/exposure/exports/7", Cancel)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await anonymous.GetAsync("/v1/exposure/exports/x", Cancel)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsync("/v1/exposure/exports", null, Cancel)).StatusCode);
        var device = await server.ClientAsync(Role.Device);
        Assert.Equal(HttpStatusCode.Forbidden, (await device.PostAsync("/v1/exposure/exports", null, Cancel)).StatusCode);
    }

    [Theory]
    [InlineData("{\"reportId\":\"00000000-0000-0000-0000-000000000000\",\"region\":\"DE\",\"day\":\"2026-11-27\",\"count\":1}", "$.reportId")]
    [InlineData("{\"reportId\":\"6f1c8a36-7ac4-4d3b-9d55-2c1c5a0f6e11\",\"region\":\"DE BY\",\"day\":\"2026-11-27\",\"count\":1}", "$.region")]
    [InlineData("{\"reportId\":\"6f1c8a36-7ac4-4d3b-9d55-2c1c5a0f6e11\",\"region\":\"DE\",\"day\":\"2026-12-27\",\"count\":1}", "$.day")]
    [InlineData("{\"reportId\":\"6f1c8a36-7ac4-4d3b-9d55-2c1c5a0f6e11\",\"region\":\"DE\",\"day\":\"2026-11-27\",\"count\":0}", "$.count")]
    public async Task A_bad_notification_report_is_refused_naming_its_field(string body, string field)
    {
        await using var server = await WithWearerAsync();
        var device = await server.ClientAsync(Role.Device);
        var answer = await device.PostAsync("/v1/exposure/notifications", new StringContent(body, Encoding.UTF8, "application/json"), Cancel);
        Assert.Equal(HttpStatusCode.BadRequest, answer.StatusCode);
        Assert.Contains(field, await answer.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
        Assert.Equal(0, server.Database.Scalar("SELECT COUNT(*) FROM exposure_notification_reports"));
    }
}
