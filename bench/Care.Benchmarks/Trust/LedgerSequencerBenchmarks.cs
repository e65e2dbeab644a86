using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using Care.Core.Ids;
using Care.Hermes.Storage.Sqlite;
using Care.Trust.Ledger.Entries;

namespace Care.Benchmarks.Trust;

/// <summary>
/// The sequencer's append rate through the outbox on a Hermes SQLite file (WAL): before each
/// iteration <see cref="Batch"/> acts commit their entries to the outbox (not measured); the
/// measured operation is one sequencer pass that places them (index, prevRoot), hashes them, appends
/// them and removes them from the outbox in one transaction. Entries/s = Batch / mean time.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(RunStrategy.Monitoring, iterationCount: 30, warmupCount: 5, invocationCount: 1)]
public class LedgerSequencerBenchmarks
{
    private string _directory = null!;
    private SqliteHermesStore _store = null!;
    private LedgerEntry[] _entries = null!;

    [Params(100, 1_000)]
    public int Batch { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _directory = Directory.CreateTempSubdirectory("care-bench-sequencer-").FullName;
        _store = SqliteHermesStore.Open(Path.Combine(_directory, "hermes.db"));
        var at = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var wearer = WearerId.Parse("w-1");
        const string Sha = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
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

    [IterationSetup]
    public void CommitActs()
    {
        var session = _store.BeginIngestAsync().AsTask().GetAwaiter().GetResult();
        try
        {
            foreach (var entry in _entries)
            {
                session.AppendLedgerAsync(entry).AsTask().GetAwaiter().GetResult();
            }
            session.CommitAsync().AsTask().GetAwaiter().GetResult();
        }
        finally
        {
            session.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _store.DisposeAsync().AsTask().GetAwaiter().GetResult();
        Directory.Delete(_directory, recursive: true);
    }

    [Benchmark]
    public long SequenceBatch() => _store.Sequencer.SequenceAsync().GetAwaiter().GetResult();
}
