using System.Net;
using System.Text;
using System.Text.Json;
using Care.Hermes.Access;
using Care.Hermes.Population;

namespace Care.Hermes.Tests.Api;

public sealed class PublicHealthApiTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    // Every endpoint that reads or writes a wearer's record (the record, the wearer list, alerts, plans).
    private static readonly (string Method, string Path)[] WearerEndpoints =
    [
        ("GET", "/v1/wearers"),
        ("GET", "/v1/wearers/W-1/observations"),
        ("GET", "/v1/wearers/W-1/doses"),
        ("GET", "/v1/wearers/W-1/events"),
        ("GET", "/v1/wearers/W-1/ledger"),
        ("GET", "/v1/wearers/W-1/risk"),
        ("GET", "/v1/wearers/W-1/dose-plans/latest"),
        ("POST", "/v1/wearers/W-1/dose-plans"),
        ("GET", "/v1/alerts"),
        ("POST", "/v1/alerts/1/ack"),
        ("POST", "/v1/bundles"),
        ("POST", "/v1/cartridge-fills"),
        ("POST", "/v1/devices"),
        ("GET", "/v1/tokens"),
    ];

    [Fact]
    public async Task Every_wearer_endpoint_refuses_a_public_health_token()
    {
        await using var server = await HermesServer.StartAsync();
        var client = await server.ClientAsync(Role.PublicHealth);
        foreach (var (method, path) in WearerEndpoints)
        {
            using var request = new HttpRequestMessage(new HttpMethod(method), path);
            if (method == "POST")
            {
                request.Content = new StringContent("{}", Encoding.UTF8, "application/json");
            }
            var response = await client.SendAsync(request, Cancel);
            Assert.True(response.StatusCode == HttpStatusCode.Forbidden, $"{method} {path} answered {(int)response.StatusCode} to a public-health token");
        }
    }

    [Fact]
    public async Task Only_public_health_reads_the_counts_and_counts_under_ten_are_suppressed()
    {
        await using var server = await HermesServer.StartAsync();
        var population = (IPopulationStore)server.Store;
        var day = DateOnly.FromDateTime(server.Clock.GetUtcNow().UtcDateTime).AddDays(-1);
        await population.SaveDailyCountsAsync([new RegionalDayCounts("kiosk-a", day, 250, 12, 9, 0, 10)], Cancel);
        foreach (var role in new[] { Role.Clinician, Role.Admin, Role.Device })
        {
            Assert.Equal(HttpStatusCode.Forbidden, (await (await server.ClientAsync(role)).GetAsync("/v1/public-health/counts", Cancel)).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await (await server.ClientAsync(role)).GetAsync("/v1/public-health/signals", Cancel)).StatusCode);
        }
        var client = await server.ClientAsync(Role.PublicHealth);
        var response = await client.GetAsync("/v1/public-health/counts", Cancel);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Cancel));
        var row = Assert.Single(json.RootElement.GetProperty("counts").EnumerateArray());
        Assert.Equal(250, row.GetProperty("wearers").GetInt64());
        Assert.Equal(12, row.GetProperty("fever").GetInt64());
        Assert.Equal(JsonValueKind.Null, row.GetProperty("raisedRestingHeartRate").ValueKind);
        Assert.Equal(JsonValueKind.Null, row.GetProperty("newAfEpisodes").ValueKind);
        Assert.Equal(10, row.GetProperty("exposureNotifications").GetInt64());
    }

    [Fact]
    public async Task Signals_show_their_measure_and_suppress_a_small_observed_count()
    {
        await using var server = await HermesServer.StartAsync();
        var population = (IPopulationStore)server.Store;
        var day = new DateOnly(2026, 11, 30);
        await population.RaiseSignalAsync(new OutbreakSignal(0, "kiosk-a", day, PopulationMeasure.NewAfEpisodes, 6, 0.8, 3.4, "hermes-daily>3", server.Clock.GetUtcNow()), Cancel);
        var client = await server.ClientAsync(Role.PublicHealth);
        using var json = JsonDocument.Parse(await client.GetStringAsync("/v1/public-health/signals?since=2026-11-01", Cancel));
        var signal = Assert.Single(json.RootElement.GetProperty("signals").EnumerateArray());
        Assert.Equal("new-af-episodes", signal.GetProperty("measure").GetString());
        Assert.Equal(JsonValueKind.Null, signal.GetProperty("observed").ValueKind);
        Assert.Equal("2026-11-30", signal.GetProperty("day").GetString());
    }

    [Fact]
    public async Task A_malformed_day_is_refused_with_its_parameter_named()
    {
        await using var server = await HermesServer.StartAsync();
        var client = await server.ClientAsync(Role.PublicHealth);
        var response = await client.GetAsync("/v1/public-health/counts?from=30-11-2026", Cancel);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("from", await response.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
    }
}
