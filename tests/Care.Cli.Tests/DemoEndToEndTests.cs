using System.Text.Json;

namespace Care.Cli.Tests;

public sealed class DemoEndToEndTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("care-cli-").FullName;

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task Small_demo_stores_every_generated_observation_and_reports_json()
    {
        string db = Path.Combine(_folder, "demo.db");
        var (exit, output, error) = await CliRun.RunAsync("demo", "--wearers", "6", "--days", "2", "--seed", "3", "--db", db, "--json");
        Assert.True(exit == 0, error);
        using var json = JsonDocument.Parse(output);
        var root = json.RootElement;
        Assert.Equal(6, root.GetProperty("wearers").GetInt32());
        Assert.Equal(2, root.GetProperty("days").GetInt32());
        long generated = root.GetProperty("observationsGenerated").GetInt64();
        Assert.InRange(generated, 6 * 2 * 1440 * 2.5, 6 * 2 * 1440 * 3.5);
        Assert.Equal(generated, root.GetProperty("observationsStored").GetInt64());
        Assert.Equal(6 * 3, root.GetProperty("exchanges").GetInt32());
        var alerts = root.GetProperty("news2Alerts").GetProperty("byLevel");
        Assert.True(alerts.TryGetProperty("medium", out _) && alerts.TryGetProperty("high", out _) && alerts.TryGetProperty("low-medium", out _));
        Assert.Contains(root.GetProperty("sepsisModel").GetString() + ".model", new[] { Care.Hermes.Risk.SepsisModelFiles.Vitals, Care.Hermes.Risk.SepsisModelFiles.Full });
        var model = root.GetProperty("modelAlerts").GetProperty("illnesses");
        Assert.Equal(root.GetProperty("illnesses").GetInt32(), model.GetProperty("illnesses").GetInt32());
        Assert.Equal(6 * 2 * 24 - 6, ModelRiskHours(db));
        Assert.True(root.GetProperty("elapsedSeconds").GetDouble() > 0);
        Assert.Contains(db, error, StringComparison.Ordinal);

        // A second run into the same database adds its own wearers and still loses nothing.
        var (exit2, output2, _) = await CliRun.RunAsync("demo", "--wearers", "2", "--days", "1", "--db", db, "--json");
        Assert.Equal(0, exit2);
        using var second = JsonDocument.Parse(output2);
        Assert.Equal(second.RootElement.GetProperty("observationsGenerated").GetInt64(), second.RootElement.GetProperty("observationsStored").GetInt64());
    }

    /// <summary>Wearer-hours the sepsis model scored (each wearer's last hour stays open).</summary>
    private static long ModelRiskHours(string db)
    {
        using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={db};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM model_risks";
        return (long)command.ExecuteScalar()!;
    }

    [Fact]
    public async Task Ecg_wearers_rhythm_events_reach_hermes_and_every_one_is_stored()
    {
        string db = Path.Combine(_folder, "ecg.db");
        var (exit, output, error) = await CliRun.RunAsync("demo", "--wearers", "2", "--days", "2", "--seed", "5", "--diabetic-share", "0", "--ecg-share", "1", "--ecg-hours", "3", "--db", db, "--json");
        Assert.True(exit == 0, error);
        using var json = JsonDocument.Parse(output);
        var root = json.RootElement;
        Assert.Equal(2, root.GetProperty("ecgWearers").GetInt32());
        Assert.Equal(2L * 2 * 3 * 3600 * 250, root.GetProperty("ecgSamples").GetInt64());
        long generated = root.GetProperty("rhythmEventsGenerated").GetInt64();
        Assert.True(generated > 0, "no rhythm events in 12 hours of ECG");
        Assert.Equal(generated, root.GetProperty("rhythmEventsStored").GetInt64());
        var byKind = root.GetProperty("rhythmEventsStoredByKind");
        Assert.Equal(generated, byKind.EnumerateObject().Sum(k => k.Value.GetInt64()));
        Assert.Equal(root.GetProperty("observationsGenerated").GetInt64(), root.GetProperty("observationsStored").GetInt64());

        using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={db};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        // During the ECG window (02:00-05:00 UTC) the heart rate comes from the ECG, one per minute with beats.
        command.CommandText = """
            SELECT (SELECT COUNT(*) FROM events),
                   (SELECT COUNT(*) FROM observations WHERE sign = 1 AND time_ms % 86400000 >= 7200000 AND time_ms % 86400000 < 18000000)
            """;
        using var reader = command.ExecuteReader();
        Assert.True(reader.Read());
        Assert.Equal(generated, reader.GetInt64(0));
        Assert.InRange(reader.GetInt64(1), 0.95 * 2 * 2 * 180, 2 * 2 * 180);
    }

    [Fact]
    public async Task Diabetic_wearers_glucose_and_doses_reach_hermes()
    {
        Care.Testing.SharedData.RequireFolder("t1d");
        string db = Path.Combine(_folder, "diabetic.db");
        var (exit, output, error) = await CliRun.RunAsync("demo", "--wearers", "5", "--days", "2", "--seed", "9", "--db", db, "--json");
        Assert.True(exit == 0, error);
        using var json = JsonDocument.Parse(output);
        var root = json.RootElement;
        Assert.Equal(1, root.GetProperty("diabeticWearers").GetInt32());
        Assert.Equal(2 * 288, root.GetProperty("glucoseReadings").GetInt64());
        Assert.Equal(2 * 288, root.GetProperty("doseRecordsGenerated").GetInt64());
        Assert.Equal(2 * 288, root.GetProperty("doseRecordsStored").GetInt64());
        Assert.Equal(root.GetProperty("observationsGenerated").GetInt64(), root.GetProperty("observationsStored").GetInt64());
        Assert.InRange(root.GetProperty("timeInRangePercent").GetDouble(), 0, 100);

        using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={db};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT (SELECT COUNT(*) FROM observations WHERE sign = 7), (SELECT COUNT(*) FROM doses), (SELECT COUNT(DISTINCT wearer) FROM doses), (SELECT SUM(bolus_units) FROM doses)";
        using var reader = command.ExecuteReader();
        Assert.True(reader.Read());
        Assert.Equal(2 * 288, reader.GetInt64(0));
        Assert.Equal(2 * 288, reader.GetInt64(1));
        Assert.Equal(1, reader.GetInt64(2));
        Assert.True(reader.GetDouble(3) > 0, "the standard days' announced meals must have been bolused");
    }

    [Fact]
    public async Task Token_create_prints_the_token_as_the_last_word()
    {
        string db = Path.Combine(_folder, "tokens.db");
        var (exit, output, _) = await CliRun.RunAsync("token", "create", "--role", "clinician", "--db", db);
        Assert.Equal(0, exit);
        string last = output.Trim().Split(' ')[^1];
        Assert.StartsWith("care_", last, StringComparison.Ordinal);
        Assert.Equal(43 + 5, last.Length);
    }

    [Theory]
    [InlineData("demo", "--wearers", "0")]
    [InlineData("demo", "--days", "400")]
    [InlineData("demo", "--diabetic-share", "1.5")]
    [InlineData("demo", "--wearers", "many")]
    [InlineData("token", "create", "--role", "nurse")]
    [InlineData("token", "create")]
    [InlineData("no-such-command")]
    [InlineData("serve", "--urls", "ftp://example")]
    public async Task Bad_input_exits_2_with_a_one_line_cause(params string[] args)
    {
        var (exit, output, error) = await CliRun.RunAsync([.. args, "--db", Path.Combine(_folder, "x.db")]);
        Assert.Equal(2, exit);
        Assert.Equal(string.Empty, output);
        Assert.Single(error.Trim().Split('\n'));
        Assert.StartsWith("care", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_command_in_the_tree_has_help()
    {
        var paths = new List<string[]>();
        void Walk(System.CommandLine.Command command, string[] path)
        {
            paths.Add(path);
            foreach (var sub in command.Subcommands)
            {
                Walk(sub, [.. path, sub.Name]);
            }
        }
        Walk(Hosting.CareCli.BuildRoot(), []);
        Assert.True(paths.Count > 20, $"only {paths.Count} commands found");
        foreach (var path in paths)
        {
            var (exit, output, error) = await CliRun.RunAsync([.. path, "--help"]);
            Assert.True(exit == 0, $"care {string.Join(' ', path)} --help exited {exit}: {error}");
            Assert.Contains("Usage:", output, StringComparison.Ordinal);
        }
    }
}
