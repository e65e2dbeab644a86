using System.Globalization;
using System.Text.RegularExpressions;
using Care.Clinical.EarlyWarning;
using Care.Hermes.Storage;
using Microsoft.Playwright;

namespace Care.Hermes.Console.Tests.Browser;

[Collection(ConsoleCollection.Name)]
public sealed partial class ConsoleBrowserTests(ConsoleFixture fixture)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly PageWaitForFunctionOptions Wait = new() { Timeout = 30_000 };

    [Fact]
    public async Task Clinician_signs_in_opens_a_wearer_from_an_alert_acknowledges_it_and_sees_its_proof_verified_in_the_ledger()
    {
        var page = await fixture.NewPageAsync();
        await page.GotoAsync("/console/sign-in");
        await PageChecks.ScreenshotAsync(page, "01-sign-in");
        await PageChecks.NoSeriousAccessibilityViolationAsync(page);

        await PageChecks.SignInAsync(page, fixture.ClinicianToken);
        Assert.EndsWith("/console/alerts", page.Url, StringComparison.Ordinal);
        await PageChecks.ScreenshotAsync(page, "02-alerts");
        await PageChecks.NoSeriousAccessibilityViolationAsync(page);
        var open = await fixture.Hermes.Store.GetAlertsAsync(new AlertQuery(null, News2Level.Low, null, [ConsoleSeed.Diabetic], 100), Ct);
        var alert = open.Where(a => a.AcknowledgedAt is null).OrderByDescending(a => a.Level).ThenByDescending(a => a.RaisedAt).First();
        Assert.True(alert.Level >= News2Level.Medium, "the seeded deterioration raises at least a medium NEWS2 alert");
        var item = page.Locator($"#alert-{alert.Id}");
        await Assertions.Expect(item).ToContainTextAsync(ConsoleSeed.Diabetic.Value);

        long ledgerBefore = await fixture.Hermes.Store.LedgerSizeAsync(Ct);
        await item.Locator("a.wearer").ClickAsync();
        await page.WaitForFunctionAsync("document.body.dataset.chartsDrawn === 'true'", null, Wait);
        Assert.Contains($"/console/wearers/{ConsoleSeed.Diabetic.Value}", page.Url, StringComparison.Ordinal);
        await Assertions.Expect(page.Locator("#chart-hr canvas")).ToHaveCountAsync(1);
        await PageChecks.ScreenshotAsync(page, "03-timeline");
        await PageChecks.NoSeriousAccessibilityViolationAsync(page);
        Assert.True(await ViewWasRecordedAsync(ledgerBefore, "view timeline"), "the timeline view is written to the ledger as a RecordAccessed entry");

        await page.GotoAsync("/console/alerts");
        await page.Locator($"#alert-{alert.Id} button").ClickAsync();
        await page.WaitForURLAsync(new Regex("/ledger\\?acknowledged="));
        // The acknowledgement is covered by the next signed head within the 1-second interval: reload until it is.
        var row = page.Locator($"tr[data-kind='AlertAcknowledged']:has-text('alertId: {alert.Id}')");
        for (int attempt = 0; attempt < 20; attempt++)
        {
            await page.WaitForFunctionAsync("document.getElementById('verify-summary').dataset.state !== 'running'", null, Wait);
            if (await row.Locator("td.proof").GetAttributeAsync("data-state") == "verified")
            {
                break;
            }
            await Task.Delay(1_000, Ct);
            await page.ReloadAsync();
        }
        Assert.Equal("verified", await row.Locator("td.proof").GetAttributeAsync("data-state"));
        Assert.Equal("verified", await page.Locator("#verify-summary").GetAttributeAsync("data-state"));
        await Assertions.Expect(page.Locator("tr[data-kind='CartridgeFilled']")).ToHaveCountAsync(1);
        await PageChecks.ScreenshotAsync(page, "04-ledger");
        await PageChecks.NoSeriousAccessibilityViolationAsync(page);
        var stored = await fixture.Hermes.Store.GetAlertAsync(alert.Id, Ct);
        Assert.NotNull(stored!.AcknowledgedAt);
    }

    [Fact]
    public async Task Timeline_shows_the_14_day_AGP_and_time_in_ranges_and_reports_its_render_times()
    {
        var page = await fixture.NewPageAsync();
        await PageChecks.SignInAsync(page, fixture.ClinicianToken);
        var timings = new List<string>();
        for (int run = 1; run <= 3; run++)
        {
            var response = await page.GotoAsync($"/console/wearers/{ConsoleSeed.Diabetic.Value}?days=14");
            await page.WaitForFunctionAsync("document.body.dataset.chartsDrawn === 'true'", null, Wait);
            string serverTiming = (await response!.AllHeadersAsync()).GetValueOrDefault("server-timing") ?? "";
            double browserMs = await page.EvaluateAsync<double>("performance.getEntriesByName('console-charts-drawn')[0].startTime");
            double Metric(string name) => double.Parse(Regex.Match(serverTiming, name + ";dur=([0-9.]+)").Groups[1].Value, CultureInfo.InvariantCulture);
            timings.Add(string.Create(CultureInfo.InvariantCulture,
                $"run {run}: server {Metric("app"):F1} ms (access check and ledger write {Metric("gate"):F1} ms, reads {Metric("db"):F1} ms, downsampling+AGP+HTML {Metric("compute"):F1} ms), browser (navigation start to charts drawn) {browserMs:F0} ms"));
        }
        string report = "14 days of minute data, one wearer (7 series x ~20,160 readings), 1000 columns: " + string.Join("; ", timings);
        TestContext.Current.SendDiagnosticMessage(report);
        await File.WriteAllTextAsync(Path.Combine(ConsoleFixture.Artefacts, "timeline-timings.txt"), report + Environment.NewLine, Ct);

        await Assertions.Expect(page.Locator("#chart-agp canvas")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator("#chart-glucose canvas")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator("#tir tbody tr")).ToHaveCountAsync(5);
        await Assertions.Expect(page.Locator("#tir svg rect")).ToHaveCountAsync(5);
        string inRange = await page.Locator("#tir tr.tir-in-range-row td").First.InnerTextAsync();
        double share = double.Parse(inRange.Replace(" %", "", StringComparison.Ordinal), CultureInfo.InvariantCulture);
        Assert.InRange(share, 30, 99);
        await page.Locator("#agp-h").ScrollIntoViewIfNeededAsync();
        await PageChecks.ScreenshotAsync(page, "05-timeline-14-days");
        await PageChecks.NoSeriousAccessibilityViolationAsync(page);
    }

    [Fact]
    public async Task Clinician_cannot_open_the_admin_pages_and_an_admin_can()
    {
        var page = await fixture.NewPageAsync();
        await PageChecks.SignInAsync(page, fixture.ClinicianToken);
        var response = await page.GotoAsync("/console/admin/tokens");
        Assert.Equal(403, response!.Status);
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Not allowed");
        await Assertions.Expect(page.Locator("table.tokens")).ToHaveCountAsync(0);
        await PageChecks.ScreenshotAsync(page, "06-clinician-denied-admin");

        var admin = await fixture.NewPageAsync();
        await PageChecks.SignInAsync(admin, fixture.AdminToken);
        Assert.EndsWith("/console/admin/tokens", admin.Url, StringComparison.Ordinal);
        await Assertions.Expect(admin.Locator("table.tokens")).ToContainTextAsync("console test clinician");
        var records = await admin.GotoAsync($"/console/wearers/{ConsoleSeed.Diabetic.Value}");
        Assert.Equal(403, records!.Status);
        await admin.GotoAsync("/console/admin/tokens");
        await PageChecks.ScreenshotAsync(admin, "07-admin-tokens");
        await PageChecks.NoSeriousAccessibilityViolationAsync(admin);
    }

    [Fact]
    public async Task Device_token_cannot_sign_in()
    {
        var page = await fixture.NewPageAsync();
        await PageChecks.SignInAsync(page, fixture.DeviceToken);
        await Assertions.Expect(page.Locator("#sign-in-error")).ToContainTextAsync("device token cannot sign in");
        var response = await page.GotoAsync("/console/alerts");
        Assert.Contains("/console/sign-in", page.Url, StringComparison.Ordinal);
        Assert.Equal(200, response!.Status);
        await PageChecks.SignInAsync(page, "care_not-a-token");
        await Assertions.Expect(page.Locator("#sign-in-error")).ToContainTextAsync("unknown, expired or revoked");
        await PageChecks.ScreenshotAsync(page, "08-device-token-refused");
        await PageChecks.NoSeriousAccessibilityViolationAsync(page);
    }

    [Fact]
    public async Task Tampered_proof_is_shown_as_failed()
    {
        var page = await fixture.NewPageAsync();
        await PageChecks.SignInAsync(page, fixture.ClinicianToken);
        string path = $"/console/wearers/{ConsoleSeed.Diabetic.Value}/ledger";
        // A man in the middle changes one hash of the first audit path on its way to the browser.
        await page.RouteAsync("**" + path, async route =>
        {
            var original = await route.FetchAsync();
            string html = await original.TextAsync();
            var tampered = FirstProofHash().Replace(html, m => m.Groups[1].Value + (m.Groups[2].Value == "0" ? "1" : "0"), 1);
            Assert.NotEqual(html, tampered);
            await route.FulfillAsync(new RouteFulfillOptions { Response = original, Body = tampered });
        });
        await page.GotoAsync(path);
        await page.WaitForFunctionAsync("document.getElementById('verify-summary').dataset.state !== 'running'", null, Wait);
        Assert.Equal("failed", await page.Locator("#verify-summary").GetAttributeAsync("data-state"));
        await Assertions.Expect(page.Locator("td.proof[data-state='failed']")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator("td.proof[data-state='failed']")).ToContainTextAsync("computed root does not match");
        await Assertions.Expect(page.Locator("td.proof[data-state='verified']").First).ToBeVisibleAsync();
        await PageChecks.ScreenshotAsync(page, "09-tampered-proof");
    }

    [Fact]
    public async Task Text_a_device_sent_is_shown_as_text_never_as_markup()
    {
        var page = await fixture.NewPageAsync();
        await PageChecks.SignInAsync(page, fixture.ClinicianToken);
        await page.GotoAsync($"/console/wearers/{ConsoleSeed.Other.Value}?days=3");
        await page.WaitForFunctionAsync("document.body.dataset.chartsDrawn === 'true'", null, Wait);
        await Assertions.Expect(page.Locator("table.events")).ToContainTextAsync(ConsoleSeed.HostileDetail);
        Assert.Equal(0, await page.Locator("table.events img").CountAsync());
        Assert.Null(await page.EvaluateAsync<string?>("document.body.dataset.pwned ?? null"));
        await Assertions.Expect(page.Locator("#no-glucose")).ToBeVisibleAsync();
        await PageChecks.ScreenshotAsync(page, "10-wearer-without-glucose");
        await PageChecks.NoSeriousAccessibilityViolationAsync(page);
    }

    [Fact]
    public async Task Wearer_list_searches_by_id_and_records_the_listing()
    {
        var page = await fixture.NewPageAsync();
        await PageChecks.SignInAsync(page, fixture.ClinicianToken);
        await page.GotoAsync("/console/wearers");
        await Assertions.Expect(page.Locator("table.wearers tbody tr")).ToHaveCountAsync(2);
        long before = await fixture.Hermes.Store.LedgerSizeAsync(Ct);
        await page.GetByLabel("Search by wearer id").FillAsync("console-2");
        await page.GetByRole(AriaRole.Button, new() { Name = "Search" }).ClickAsync();
        await Assertions.Expect(page.Locator("table.wearers tbody tr")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator("table.wearers tbody")).ToContainTextAsync(ConsoleSeed.Other.Value);
        Assert.True(await ViewWasRecordedAsync(before, "list wearers"));
        await PageChecks.ScreenshotAsync(page, "11-wearers");
        await PageChecks.NoSeriousAccessibilityViolationAsync(page);
    }

    [Fact]
    public async Task Posts_without_the_anti_forgery_token_are_refused_and_pages_carry_a_strict_CSP()
    {
        var page = await fixture.NewPageAsync();
        await PageChecks.SignInAsync(page, fixture.ClinicianToken);
        var response = await page.GotoAsync("/console/alerts");
        var headers = await response!.AllHeadersAsync();
        Assert.Contains("script-src 'self'", headers["content-security-policy"], StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-inline", headers["content-security-policy"], StringComparison.Ordinal);
        Assert.Contains("no-store", headers["cache-control"], StringComparison.Ordinal);
        // Wearer 2's alerts are acknowledged by no other test, so one is open whatever ran before.
        var alert = (await fixture.Hermes.Store.GetAlertsAsync(new AlertQuery(null, News2Level.Low, null, [ConsoleSeed.Other], 100), Ct)).First(a => a.AcknowledgedAt is null);
        // Same cookies as the signed-in page, but no __csrf field: a forged cross-site form.
        var forged = await page.APIRequest.PostAsync($"/console/alerts/{alert.Id}/ack", new APIRequestContextOptions { Form = page.APIRequest.CreateFormData(), MaxRedirects = 0 });
        Assert.Equal(400, forged.Status);
        Assert.Null((await fixture.Hermes.Store.GetAlertAsync(alert.Id, Ct))!.AcknowledgedAt);
    }

    [Fact]
    public async Task A_revoked_token_ends_its_session_at_the_next_page()
    {
        var (record, token) = await fixture.Tokens.CreateAsync(Care.Hermes.Access.Role.Clinician, label: "to be revoked", cancellationToken: Ct);
        var page = await fixture.NewPageAsync();
        await PageChecks.SignInAsync(page, token);
        Assert.EndsWith("/console/alerts", page.Url, StringComparison.Ordinal);
        await fixture.Hermes.Store.RevokeTokenAsync(record.Id, "test", fixture.Hermes.Time.GetUtcNow(), Ct);
        await page.GotoAsync("/console/wearers");
        Assert.Contains("/console/sign-in", page.Url, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_care_teams_session_sees_only_its_wearers()
    {
        var (_, token) = await fixture.Tokens.CreateAsync(Care.Hermes.Access.Role.Clinician, wearers: [ConsoleSeed.Other], label: "care team of wearer 2", cancellationToken: Ct);
        var page = await fixture.NewPageAsync();
        await PageChecks.SignInAsync(page, token);
        await Assertions.Expect(page.Locator("a.wearer", new() { HasTextString = ConsoleSeed.Diabetic.Value })).ToHaveCountAsync(0);
        var response = await page.GotoAsync($"/console/wearers/{ConsoleSeed.Diabetic.Value}");
        Assert.Equal(403, response!.Status);
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Outside your care team");
        var ledger = await page.GotoAsync($"/console/wearers/{ConsoleSeed.Diabetic.Value}/ledger");
        Assert.Equal(403, ledger!.Status);
        await page.GotoAsync("/console/wearers");
        await Assertions.Expect(page.Locator("table.wearers tbody tr")).ToHaveCountAsync(1);
    }

    [Fact]
    public async Task Signing_out_ends_the_session()
    {
        var page = await fixture.NewPageAsync();
        await PageChecks.SignInAsync(page, fixture.ClinicianToken);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await page.WaitForURLAsync(new Regex("/console/sign-in"));
        await page.GotoAsync("/console/alerts");
        Assert.Contains("/console/sign-in", page.Url, StringComparison.Ordinal);
    }

    private async Task<bool> ViewWasRecordedAsync(long ledgerBefore, string action)
    {
        var page = await fixture.Hermes.Store.ProveWearerAsync(ConsoleSeed.Diabetic, ledgerBefore - 1, 1000, Ct);
        var texts = page.Proven.Select(p => p.EntryText).Concat(page.Pending.Select(r => System.Text.Encoding.UTF8.GetString(r.Data)));
        var other = await fixture.Hermes.Store.ProveWearerAsync(ConsoleSeed.Other, ledgerBefore - 1, 1000, Ct);
        texts = texts.Concat(other.Proven.Select(p => p.EntryText)).Concat(other.Pending.Select(r => System.Text.Encoding.UTF8.GetString(r.Data)));
        return texts.Any(t => t.Contains("\"RecordAccessed\"", StringComparison.Ordinal) && t.Contains($"\"{action}\"", StringComparison.Ordinal));
    }

    [GeneratedRegex("(\"proof\":\\[\")([0-9a-f])")]
    private static partial Regex FirstProofHash();
}
