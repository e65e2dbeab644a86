using BenchmarkDotNet.Attributes;
using Care.Molecular.Screening;
using Care.Molecular.Screening.Evaluation;

namespace Care.Benchmarks.Lab;

/// <summary>
/// Issue 15's speed target: a 10 kb order screened against a database of 10⁷ windows in ≤ 50 ms.
/// 3,800 synthetic entries (150–600 codons) give about 10⁷ windows (30-nt + 42-nt + 20-aa).
/// Run: dotnet run -c Release --project bench/Care.Benchmarks -- --filter '*Screening*'
/// </summary>
[MemoryDiagnoser]
public class ScreeningBenchmarks
{
    private OrderScreener _screener = null!;
    private string _benign = "";
    private string _withHit = "";

    [GlobalSetup]
    public void Setup()
    {
        var entries = SyntheticConcerns.Generate(seed: 1, count: 3800);
        var database = ConcernDatabase.Build(entries, ScreeningPolicy.Default);
        Console.WriteLine($"// screening database: {entries.Count} entries, {database.WindowCount:N0} windows");
        _screener = new OrderScreener(database);
        var random = new Random(2);
        _benign = new string([.. Enumerable.Range(0, 10_000).Select(_ => "ACGT"[random.Next(4)])]);
        _withHit = string.Concat(_benign.AsSpan(0, 5000), entries[7].CodingDna.AsSpan(0, 300), _benign.AsSpan(5000, 4700));
    }

    [Benchmark(Baseline = true)]
    public bool Benign10kbOrder() => _screener.Screen(_benign).Flagged;

    [Benchmark]
    public bool Order10kbWithA300ntHit() => _screener.Screen(_withHit).Flagged;
}
