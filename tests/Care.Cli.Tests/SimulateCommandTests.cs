using System.Text.Json;
using Care.Hermes.Access;
using Care.Hermes.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Care.Hermes.Storage.Sqlite;

namespace Care.Cli.Tests;

public sealed class SimulateCommandTests : IAsyncDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("care-simulate-").FullName;
    private WebApplication? _hermes;

    public async ValueTask DisposeAsync()
    {
        if (_hermes is not null)
        {
            await _hermes.StopAsync();
            await _hermes.DisposeAsync();
        }
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    /// <summary>Hermes on a free loopback port over real HTTP (Kestrel), with a device and an admin token.</summary>
    private async Task<(string Url, string Device, string Admin, string Database)> StartHermesAsync()
    {
        var db = Path.Combine(_folder, "hermes.db");
        _hermes = HermesApp.Build(SqliteBackend.Options(db), urls: "http://127.0.0.1:0");
        await _hermes.StartAsync(TestContext.Current.CancellationToken);
        var tokens = _hermes.Services.GetRequiredService<TokenIssuer>();
        var (_, device) = await tokens.CreateAsync(Role.Device, cancellationToken: TestContext.Current.CancellationToken);
        var (_, admin) = await tokens.CreateAsync(Role.Admin, cancellationToken: TestContext.Current.CancellationToken);
        return (_hermes.Urls.Single(), device, admin, db);
    }

    [Fact]
    public async Task Simulated_kiosks_upload_over_http_and_hermes_stores_every_observation()
    {
        Care.Testing.SharedData.RequireFolder("t1d");
        var (url, device, admin, db) = await StartHermesAsync();
        var (exit, output, error) = await CliRun.RunAsync("simulate", "--hermes", url, "--device-token", device, "--admin-token", admin,
            "--wearers", "3", "--days", "1", "--seed", "4", "--diabetic-share", "0.34", "--ecg-share", "0", "--json");
        Assert.True(exit == 0, error);
        using var json = JsonDocument.Parse(output);
        var root = json.RootElement;
        long generated = root.GetProperty("observationsGenerated").GetInt64();
        Assert.True(generated > 3 * 1440, $"{generated} observations");
        Assert.Equal(generated, root.GetProperty("observationsAcknowledged").GetInt64());
        Assert.Equal(3 * 2, root.GetProperty("exchanges").GetInt32());
        Assert.Equal(3 * 2, root.GetProperty("uploadsAcknowledged").GetInt64());
        Assert.Equal(1, root.GetProperty("diabeticWearers").GetInt32());
        Assert.True(root.GetProperty("doseRecordsGenerated").GetInt64() > 0);

        await _hermes!.StopAsync(TestContext.Current.CancellationToken);
        using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={db};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM observations";
        Assert.Equal(generated, (long)command.ExecuteScalar()!);
    }

    [Fact]
    public async Task Missing_tokens_a_bad_url_and_an_unreachable_hermes_are_reported_clearly()
    {
        var noToken = await CliRun.RunAsync("simulate", "--hermes", "http://127.0.0.1:9", "--admin-token", "x");
        if (Environment.GetEnvironmentVariable("CARE_DEVICE_TOKEN") is null)
        {
            Assert.Equal(2, noToken.Exit);
            Assert.Contains("--device-token", noToken.Err, StringComparison.Ordinal);
        }
        var badUrl = await CliRun.RunAsync("simulate", "--hermes", "ftp://example", "--device-token", "d", "--admin-token", "a");
        Assert.Equal(2, badUrl.Exit);
        Assert.Contains("--hermes", badUrl.Err, StringComparison.Ordinal);
        // Port 9 (discard) on loopback: nothing listens in a test container.
        var down = await CliRun.RunAsync("simulate", "--hermes", "http://127.0.0.1:9", "--device-token", "d", "--admin-token", "a", "--timeout", "5");
        Assert.Equal(1, down.Exit);
        Assert.Contains("unreachable", down.Err, StringComparison.Ordinal);
    }
}
