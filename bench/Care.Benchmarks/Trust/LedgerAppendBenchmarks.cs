using BenchmarkDotNet.Attributes;
using Care.Core.Ids;
using Care.Trust.Identity;
using Care.Trust.Ledger;
using Care.Trust.Ledger.Entries;

namespace Care.Benchmarks.Trust;

/// <summary>
/// Ledger append rate into a SQLite file (WAL, synchronous=FULL): one committed transaction per
/// batch of <see cref="Batch"/> entries. Entries/s = Batch / mean time.
/// </summary>
[MemoryDiagnoser]
public class LedgerAppendBenchmarks
{
    private string _directory = null!;
    private LedgerStore _store = null!;
    private LedgerEntry[] _entries = null!;

    [Params(1, 100, 10_000)]
    public int Batch { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _directory = Directory.CreateTempSubdirectory("care-bench-ledger-").FullName;
        _store = LedgerStore.Open($"Data Source={Path.Combine(_directory, "care.db")};Pooling=False", HybridSigningKey.Generate());
        var at = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var wearer = WearerId.Parse("w-1");
        _entries = [.. Enumerable.Range(0, Batch).Select(i => (LedgerEntry)new RecordAccessed("dr-ng", "clinician", wearer, $"review {i}") { At = at.AddSeconds(i) })];
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
