using System.CommandLine;
using System.Diagnostics;
using System.Text.Json;
using Care.Cli.Hosting;
using Care.Core.Errors;
using Care.Core.Ids;
using Care.Hermes.Storage;
using Care.Hermes.Risk;
using Care.Cli.Serve;
using Care.Hermes.Storage.Postgres;
using Care.Hermes.Hosting;
using Care.Simulation.Vitals;
using Care.Trust.Identity;

namespace Care.Cli.Bench;

/// <summary><c>care bench ingest</c>: observations per second through Hermes's real ingest path into SQLite or PostgreSQL.</summary>
internal static class BenchCommand
{
    public static Command Create()
    {
        var bundles = new Option<int>("--bundles") { Description = "Bundles to ingest (one simulated wearer-day each)", DefaultValueFactory = _ => 200 };
        var db = new Option<string?>("--db") { Description = "Database file (default: a new temporary file, deleted afterwards)", HelpName = "PATH" };
        var model = new Option<string?>("--model")
        {
            Description = "Sepsis model scored on each closed wearer-hour during ingest (default: the shipped model found in or above the current folder); 'none' for NEWS2 only",
            HelpName = "FILE",
        };
        var json = CommonOptions.Json();
        var postgres = BackendOption.Postgres(
            "Measure on PostgreSQL instead of SQLite: an Npgsql connection string of a server; a scratch database is created on it and dropped afterwards");
        var ingest = new Command("ingest",
            "Measure Hermes ingest: sealed per-minute vitals bundles (one wearer-day, about 4,500 observations each) are prepared first, then opened (hybrid signature, decryption, replay check), read, validated, stored (SQLite, or PostgreSQL with --postgres) with a ledger entry and scored (NEWS2 and the sepsis model per wearer-hour), one transaction per bundle, timed.")
        {
            bundles, model, db, postgres, json,
        };
        CliAction.Set(ingest, async (parse, cancellationToken) =>
        {
            int count = parse.GetValue(bundles);
            if (count is < 1 or > 100_000)
            {
                throw new InvalidInputException("--bundles", $"{count} is out of range; use 1 to 100000");
            }
            await using var target = await BenchTarget.CreateAsync(parse.GetValue(postgres), parse.GetValue(db), cancellationToken);
            var scratch = target.Scratch;
            var options = target.Options;
            var result = await RunAsync(count, options, ModelOption.Load(parse.GetValue(model), "--model"), cancellationToken);
            if (scratch is not null)
            {
                var footprint = await PostgresFootprint.ObservationsAsync(scratch.ConnectionString, cancellationToken);
                result = result with { PostgresObservationBytes = footprint, BytesPerObservation = Math.Round(footprint.BytesPerRow, 1) };
            }
            var output = parse.InvocationConfiguration.Output;
            if (parse.GetValue(json))
            {
                await output.WriteLineAsync(JsonSerializer.Serialize(result, CliJson.Options));
            }
            else
            {
                await output.WriteLineAsync(
                    $"Ingested ({result.Backend}) {result.Observations:N0} observations in {result.Bundles:N0} bundles in {result.Seconds:N2} s: " +
                    $"{result.ObservationsPerSecond:N0} observations/s, {result.MegabytesPerSecond:N1} MB/s of bundle JSON; sepsis model {result.SepsisModel ?? "none"} ({Environment.ProcessorCount} cores, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}).");
                await output.WriteLineAsync($"Ingest latency per bundle (open, read, store, score, commit; no HTTP): p50 {result.P50Milliseconds:N1} ms, p99 {result.P99Milliseconds:N1} ms, max {result.MaxMilliseconds:N1} ms.");
                if (result.PostgresObservationBytes is { } f)
                {
                    await output.WriteLineAsync($"PostgreSQL observations: {f.TableBytes:N0} table + {f.IndexBytes:N0} index bytes for {f.Rows:N0} rows in {f.Partitions} partitions = {result.BytesPerObservation:N1} bytes/observation.");
                }
            }
            return ExitCodes.Ok;
        });
        return new Command("bench", "Measure speed of Care's hot paths.") { ingest, LedgerBenchCommand.Create() };
    }

    private static async Task<IngestBenchResult> RunAsync(int count, HermesOptions options, SepsisRiskScoring? modelRisk, CancellationToken cancellationToken)
    {
        // Hermes is composed as care serve composes it, on the backend chosen.
        await using var hermes = HermesComposition.Open(options, TimeProvider.System, modelRisk);
        var store = hermes.Store;
        var recipient = hermes.Recipient;
        var uploads = new byte[count][];
        var wearers = new WearerId[count];
        var start = new DateTimeOffset(DateTime.UtcNow.Date, TimeSpan.Zero).AddDays(-2);
        long observations = 0, bytes = 0;
        for (int i = 0; i < count; i++)
        {
            var (upload, credentials) = SyntheticBundles.WearerDay(i, start, recipient.PublicKey);
            await store.RegisterDeviceAsync(new DeviceEnrolment(upload.Bundle.PatchId.Value, HybridAlgorithms.Signature, credentials.DeviceKey.PublicKey.Export(),
                upload.Bundle.WearerId, "bench", "operator", DateTimeOffset.UtcNow), cancellationToken);
            uploads[i] = upload.Bytes;
            wearers[i] = upload.Bundle.WearerId;
            observations += upload.Bundle.Observations.Count;
            bytes += upload.Bytes.Length;
        }
        var ingestor = hermes.Ingestor;
        var latencies = new double[count];
        var clock = Stopwatch.StartNew();
        for (int i = 0; i < count; i++)
        {
            long started = Stopwatch.GetTimestamp();
            await ingestor.IngestAsync(uploads[i], cancellationToken);
            latencies[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        }
        double seconds = clock.Elapsed.TotalSeconds;
        Array.Sort(latencies);
        long stored = await store.CountObservationsAsync(wearers, cancellationToken);
        if (stored != observations)
        {
            throw new InvalidOperationException($"stored {stored} observations of {observations}");
        }
        return new IngestBenchResult(options.Backend!.Name, count, observations, Math.Round(seconds, 3), Math.Round(observations / seconds), Math.Round(bytes / seconds / 1e6, 1), modelRisk?.ModelName,
            Math.Round(Percentile(latencies, 0.50), 2), Math.Round(Percentile(latencies, 0.99), 2), Math.Round(latencies[^1], 2));
    }

    /// <summary>The nearest-rank percentile <paramref name="p"/> (0–1) of sorted <paramref name="sorted"/>.</summary>
    internal static double Percentile(double[] sorted, double p) =>
        sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];

    private sealed record IngestBenchResult(string Backend, int Bundles, long Observations, double Seconds, double ObservationsPerSecond, double MegabytesPerSecond, string? SepsisModel,
        double P50Milliseconds, double P99Milliseconds, double MaxMilliseconds)
    {
        public double? BytesPerObservation { get; init; }

        public ObservationFootprint? PostgresObservationBytes { get; init; }
    }
}
