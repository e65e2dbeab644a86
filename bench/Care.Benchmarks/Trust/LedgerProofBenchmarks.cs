using BenchmarkDotNet.Attributes;
using Care.Trust.Identity;
using Care.Trust.Ledger;
using Care.Trust.Ledger.Entries;
using Care.Hermes.Storage.Sqlite.Ledger;

namespace Care.Benchmarks.Trust;

/// <summary>
/// Proof generation at 1,000,000 entries: from the in-memory tree alone, and through the SQLite
/// ledger store (which also checks the stored log has not changed under it).
/// </summary>
[MemoryDiagnoser]
public class LedgerProofBenchmarks
{
    private const int Entries = 1_000_000;
    private readonly Random _random = new(6);
    private string _directory = null!;
    private SqliteLedgerStore _store = null!;
    private MerkleTree _tree = null!;

    [GlobalSetup]
    public void Setup()
    {
        _directory = Directory.CreateTempSubdirectory("care-bench-proof-").FullName;
        _store = SqliteLedgerStore.Open($"Data Source={Path.Combine(_directory, "care.db")};Pooling=False", HybridSigningKey.Generate());
        var at = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        _tree = new MerkleTree();
        for (var done = 0; done < Entries; done += 50_000)
        {
            var batch = Enumerable.Range(done, 50_000).Select(i => (LedgerEntry)new ModelReleased("m", $"1.{i}", "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef", "board") { At = at }).ToArray();
            _store.AppendBatch(batch);
            for (var i = 0; i < batch.Length; i++)
            {
                _tree.Append(MerkleHash.Leaf(batch[i].ToCanonicalJson(done + i)));
            }
        }
        if (!_tree.Root(Entries).AsSpan().SequenceEqual(_store.Root(Entries)))
        {
            throw new InvalidOperationException("the in-memory tree and the store disagree");
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _store.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    [Benchmark]
    public int TreeInclusionProof() => _tree.InclusionProof(_random.NextInt64(Entries), Entries).Count;

    [Benchmark]
    public int TreeConsistencyProof() => _tree.ConsistencyProof(1 + _random.NextInt64(Entries - 1), Entries).Count;

    [Benchmark]
    public int StoreInclusionProof() => _store.InclusionProof(_random.NextInt64(Entries), Entries).Count;
}
