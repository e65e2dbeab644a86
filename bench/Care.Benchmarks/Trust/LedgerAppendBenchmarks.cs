using BenchmarkDotNet.Attributes;
using Care.Trust.Identity;
using Care.Simulation.Ledger;
using Care.Trust.Ledger.Entries;
using Care.Hermes.Storage.Sqlite.Ledger;

namespace Care.Benchmarks.Trust;

/// <summary>
/// Ledger append rate into a SQLite file (WAL, synchronous=FULL): one committed transaction per
/// batch of <see cref="Batch"/> entries of all six kinds. Entries/s = Batch / mean time.
/// </summary>
[MemoryDiagnoser]
public class LedgerAppendBenchmarks
{
    private string _directory = null!;
    private SqliteLedgerStore _store = null!;
    private LedgerEntry[] _entries = null!;

    [Params(1, 100, 1_000, 10_000)]
    public int Batch { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _directory = Directory.CreateTempSubdirectory("care-bench-ledger-").FullName;
        _store = SqliteLedgerStore.Open($"Data Source={Path.Combine(_directory, "care.db")};Pooling=False", HybridSigningKey.Generate());
        // A mix of every entry kind, so every per-kind index is maintained too.
        _entries = SyntheticLedgerEntries.Mix(0, Batch);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _store.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    [Benchmark]
    public int AppendBatch() => _store.AppendBatch(_entries).Count;
}
