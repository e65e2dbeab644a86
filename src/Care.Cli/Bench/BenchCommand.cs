using System.CommandLine;
using System.Diagnostics;
using System.Text.Json;
using Care.Cli.Hosting;
using Care.Core.Bundles;
using Care.Core.Errors;
using Care.Core.Ids;
using Care.Hermes.Ingest;
using Care.Hermes.Storage.Sqlite;
using Care.Patch.Runtime;
using Care.Simulation.Vitals;

namespace Care.Cli.Bench;

/// <summary><c>care bench ingest</c>: observations per second through Hermes's real ingest path into SQLite.</summary>
internal static class BenchCommand
{
    public static Command Create()
    {
        var bundles = new Option<int>("--bundles") { Description = "Bundles to ingest (one simulated wearer-day each)", DefaultValueFactory = _ => 200 };
        var db = new Option<string?>("--db") { Description = "Database file (default: a new temporary file, deleted afterwards)", HelpName = "PATH" };
        var json = CommonOptions.Json();
        var ingest = new Command("ingest",
            "Measure Hermes ingest: per-minute vitals bundles (about 4,500 observations each) are encoded first, then read, validated, stored in SQLite and scored (NEWS2) one transaction per bundle, timed.")
        {
            bundles, db, json,
        };
        CliAction.Set(ingest, async (parse, cancellationToken) =>
        {
            int count = parse.GetValue(bundles);
            if (count is < 1 or > 100_000)
            {
                throw new InvalidInputException("--bundles", $"{count} is out of range; use 1 to 100000");
            }
            string? path = parse.GetValue(db);
            string file = path ?? Path.Combine(Path.GetTempPath(), $"care-bench-{Guid.NewGuid():N}.db");
            try
            {
                var result = await RunAsync(count, file, cancellationToken);
                var output = parse.InvocationConfiguration.Output;
                if (parse.GetValue(json))
                {
                    await output.WriteLineAsync(JsonSerializer.Serialize(result, CliJson.Options));
                }
                else
                {
                    await output.WriteLineAsync(
                        $"Ingested {result.Observations:N0} observations in {result.Bundles:N0} bundles in {result.Seconds:N2} s: " +
                        $"{result.ObservationsPerSecond:N0} observations/s, {result.MegabytesPerSecond:N1} MB/s of bundle JSON ({Environment.ProcessorCount} cores, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}).");
                }
            }
            finally
            {
                if (path is null)
                {
                    foreach (var suffix in (ReadOnlySpan<string>)["", "-wal", "-shm"])
                    {
                        File.Delete(file + suffix);
                    }
                }
            }
            return ExitCodes.Ok;
        });
        return new Command("bench", "Measure speed of Care's hot paths.") { ingest };
    }

    private static async Task<IngestBenchResult> RunAsync(int count, string file, CancellationToken cancellationToken)
    {
        var encoded = new byte[count][];
        var start = new DateTimeOffset(DateTime.UtcNow.Date, TimeSpan.Zero).AddDays(-2);
        long observations = 0, bytes = 0;
        for (int i = 0; i < count; i++)
        {
            var wearer = WearerId.Parse($"W-bench-{i:D6}");
            var patch = new WearablePatch(PatchId.Parse($"P-bench-{i:D6}"), wearer);
            var body = new VitalsSimulator(new WearerProfile(70, 15, 97, 36.8, 122, 78, 12), null, i);
            for (var t = start; t < start.AddDays(1); t = t.AddMinutes(1))
            {
                body.Minute(t, patch);
            }
            var bundle = patch.Seal(start.AddDays(1));
            encoded[i] = BundleWriter.Write(bundle);
            observations += bundle.Observations.Count;
            bytes += encoded[i].Length;
        }
        await using var store = SqliteHermesStore.Open(file);
        var ingestor = new BundleIngestor(store, TimeProvider.System, BundleLimits.Default);
        var clock = Stopwatch.StartNew();
        foreach (var bundle in encoded)
        {
            await ingestor.IngestAsync(bundle, cancellationToken);
        }
        double seconds = clock.Elapsed.TotalSeconds;
        long stored = await store.CountObservationsAsync([.. Enumerable.Range(0, count).Select(i => WearerId.Parse($"W-bench-{i:D6}"))], cancellationToken);
        if (stored != observations)
        {
            throw new InvalidOperationException($"stored {stored} observations of {observations}");
        }
        return new IngestBenchResult(count, observations, Math.Round(seconds, 3), Math.Round(observations / seconds), Math.Round(bytes / seconds / 1e6, 1));
    }

    private sealed record IngestBenchResult(int Bundles, long Observations, double Seconds, double ObservationsPerSecond, double MegabytesPerSecond);
}
