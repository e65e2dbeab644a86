using BenchmarkDotNet.Attributes;
using Care.Core.Bundles;
using Care.Core.Ids;
using Care.Hermes.Ingest;
using Care.Hermes.Storage.Sqlite;
using Care.Patch.Runtime;
using Care.Simulation.Vitals;

namespace Care.Benchmarks.Hermes;

/// <summary>
/// Hermes ingest of one wearer-day bundle (per-minute vitals, about 4,500 observations):
/// reading and validating alone, and the whole path into SQLite (validate, store, NEWS2, commit).
/// Divide the observations per bundle by the mean time for observations per second.
/// </summary>
[MemoryDiagnoser]
public class IngestBenchmarks
{
    private const int Bundles = 20;
    private byte[][] _encoded = [];
    private string _folder = "";
    private SqliteHermesStore? _store;
    private BundleIngestor? _ingestor;

    /// <summary>Observations in one bundle (printed for the figure in docs/benchmarks.md).</summary>
    public int ObservationsPerBundle { get; private set; }

    [GlobalSetup]
    public void Setup()
    {
        var start = new DateTimeOffset(DateTime.UtcNow.Date, TimeSpan.Zero).AddDays(-2);
        _encoded = new byte[Bundles][];
        for (int i = 0; i < Bundles; i++)
        {
            var patch = new WearablePatch(PatchId.Parse($"P-{i}"), WearerId.Parse($"W-{i}"));
            var body = new VitalsSimulator(new WearerProfile(70, 15, 97, 36.8, 122, 78, 12), null, i);
            for (var t = start; t < start.AddDays(1); t = t.AddMinutes(1))
            {
                body.Minute(t, patch);
            }
            var bundle = patch.Seal(start.AddDays(1));
            ObservationsPerBundle = bundle.Observations.Count;
            _encoded[i] = BundleWriter.Write(bundle);
        }
        Console.WriteLine($"// observations per bundle: {ObservationsPerBundle}");
    }

    [Benchmark]
    public int ReadAndValidate() => BundleReader.Read(_encoded[0], DateTimeOffset.UtcNow).Observations.Count;

    [IterationSetup(Target = nameof(IngestIntoSqlite))]
    public void FreshDatabase()
    {
        _folder = Directory.CreateTempSubdirectory("care-bench-").FullName;
        _store = SqliteHermesStore.Open(Path.Combine(_folder, "bench.db"));
        _ingestor = new BundleIngestor(_store, TimeProvider.System, BundleLimits.Default);
    }

    /// <summary>Ingests 20 bundles (20 wearer-days) into a fresh database.</summary>
    [Benchmark(OperationsPerInvoke = Bundles)]
    public async Task IngestIntoSqlite()
    {
        foreach (var bundle in _encoded)
        {
            await _ingestor!.IngestAsync(bundle);
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
