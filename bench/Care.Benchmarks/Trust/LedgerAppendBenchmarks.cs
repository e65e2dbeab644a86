using BenchmarkDotNet.Attributes;
using Care.Core.Ids;
using Care.Trust.Identity;
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
        var at = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var wearer = WearerId.Parse("w-1");
        const string Sha = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
        // A mix of every entry kind, so the partial index on BundleAccepted is maintained too.
        _entries = [.. Enumerable.Range(0, Batch).Select(i => (i % 6) switch
        {
            0 => (LedgerEntry)new BundleAccepted($"b-{i}", Sha, $"patch-{i % 50}", i) { At = at.AddSeconds(i) },
            1 => new DosePlanIssued($"p-{i}", wearer, "insulin-aspart", 38.5, "U/d", Sha, "dr-ng") { At = at.AddSeconds(i) },
            2 => new CartridgeFilled($"c-{i}", wearer, $"p-{i}", "insulin-aspart", 300, 300, 298.7, "U", "assay-1") { At = at.AddSeconds(i) },
            3 => new ModelReleased("glucose-controller", $"1.{i}", Sha, "board") { At = at.AddSeconds(i) },
            4 => new LabJob($"j-{i}", "synth-2", Sha, "completed", Sha) { At = at.AddSeconds(i) },
            _ => new RecordAccessed("dr-ng", "clinician", wearer, $"review {i}") { At = at.AddSeconds(i) },
        })];
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
