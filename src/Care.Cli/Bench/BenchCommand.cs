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
            string? path = parse.GetValue(db);
            string file = path ?? Path.Combine(Path.GetTempPath(), $"care-bench-{Guid.NewGuid():N}.db");
            string? server = parse.GetValue(postgres);
            PostgresScratchDatabase? scratch = null;
            try
            {
                if (server is not null)
                {
                    try
                    {
                        scratch = await PostgresScratchDatabase.CreateAsync(server, "care_bench", cancellationToken);
                    }
                    catch (IOException e)
                    {
                        throw new InvalidInputException("--postgres", e.Message);
                    }
                }
                var options = BackendOption.Options(scratch?.ConnectionString, file);
                var result = await RunAsync(count, options, ModelOption.Load(parse.GetValue(model), "--model"), cancellationToken);
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
                }
            }
            finally
            {
                if (scratch is not null)
                {
                    await scratch.DisposeAsync();
                }
                if (path is null)
                {
                    foreach (var suffix in (ReadOnlySpan<string>)["", "-wal", "-shm", ".ledger-key", ".ledger-key.pub", ".recipient-key"])
                    {
                        File.Delete(file + suffix);
                    }
                }
            }
            return ExitCodes.Ok;
        });
        return new Command("bench", "Measure speed of Care's hot paths.") { ingest };
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
        var clock = Stopwatch.StartNew();
        foreach (var upload in uploads)
        {
            await ingestor.IngestAsync(upload, cancellationToken);
        }
        double seconds = clock.Elapsed.TotalSeconds;
        long stored = await store.CountObservationsAsync(wearers, cancellationToken);
        if (stored != observations)
        {
            throw new InvalidOperationException($"stored {stored} observations of {observations}");
        }
        return new IngestBenchResult(options.Backend!.Name, count, observations, Math.Round(seconds, 3), Math.Round(observations / seconds), Math.Round(bytes / seconds / 1e6, 1), modelRisk?.ModelName);
    }

    private sealed record IngestBenchResult(string Backend, int Bundles, long Observations, double Seconds, double ObservationsPerSecond, double MegabytesPerSecond, string? SepsisModel);
}
