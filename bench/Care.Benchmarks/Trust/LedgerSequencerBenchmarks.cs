using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using Care.Hermes.Storage.Sqlite;
using Care.Simulation.Ledger;
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
        // A mix of every entry kind, so every per-kind index is maintained too.
        _entries = SyntheticLedgerEntries.Mix(0, Batch);
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
