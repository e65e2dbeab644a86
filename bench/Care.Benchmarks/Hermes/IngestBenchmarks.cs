using BenchmarkDotNet.Attributes;
using Care.Core.Bundles;
using Care.Hermes.Ingest;
using Care.Hermes.Storage;
using Care.Hermes.Storage.Sqlite;
using Care.Patch.Runtime;
using Care.Simulation.Vitals;
using Care.Trust.Identity;

namespace Care.Benchmarks.Hermes;

/// <summary>
/// Hermes ingest of one sealed wearer-day bundle (per-minute vitals, about 4,500 observations):
/// reading and validating the payload alone, and the whole path into SQLite (open the seal:
/// hybrid signature, decryption, replay check; validate; store with a ledger entry; NEWS2; commit).
/// Divide the observations per bundle by the mean time for observations per second.
/// </summary>
[MemoryDiagnoser]
public class IngestBenchmarks
{
    private const int Bundles = 20;
    private readonly HybridKemPrivateKey _recipient = HybridKemPrivateKey.Generate();
    private (SealedUpload Upload, PatchCredentials Credentials)[] _days = [];
    private byte[] _payload = [];
    private string _folder = "";
    private SqliteHermesStore? _store;
    private BundleIngestor? _ingestor;

    [GlobalSetup]
    public void Setup()
    {
        var start = new DateTimeOffset(DateTime.UtcNow.Date, TimeSpan.Zero).AddDays(-2);
        _days = [.. Enumerable.Range(0, Bundles).Select(i => SyntheticBundles.WearerDay(i, start, _recipient.PublicKey))];
        _payload = BundleWriter.Write(_days[0].Upload.Bundle);
        Console.WriteLine($"// observations per bundle: {_days[0].Upload.Bundle.Observations.Count}");
    }

    [Benchmark]
    public int ReadAndValidate() => BundleReader.Read(_payload, DateTimeOffset.UtcNow).Observations.Count;

    [IterationSetup(Target = nameof(IngestIntoSqlite))]
    public void FreshDatabase()
    {
        _folder = Directory.CreateTempSubdirectory("care-bench-").FullName;
        _store = SqliteHermesStore.Open(Path.Combine(_folder, "bench.db"));
        foreach (var (upload, credentials) in _days)
        {
            _store.RegisterDeviceAsync(new DeviceEnrolment(upload.Bundle.PatchId.Value, HybridAlgorithms.Signature, credentials.DeviceKey.PublicKey.Export(),
                upload.Bundle.WearerId, "bench", "operator", DateTimeOffset.UtcNow)).GetAwaiter().GetResult();
        }
        _ingestor = new BundleIngestor(_store, _recipient, TimeProvider.System, BundleLimits.Default);
    }

    /// <summary>Ingests 20 sealed bundles (20 wearer-days) into a fresh database.</summary>
    [Benchmark(OperationsPerInvoke = Bundles)]
    public async Task IngestIntoSqlite()
    {
        foreach (var (upload, _) in _days)
        {
            await _ingestor!.IngestAsync(upload.Bytes);
        }
    }

    [IterationCleanup(Target = nameof(IngestIntoSqlite))]
    public void DropDatabase()
    {
        _store!.DisposeAsync().AsTask().GetAwaiter().GetResult();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }
}
