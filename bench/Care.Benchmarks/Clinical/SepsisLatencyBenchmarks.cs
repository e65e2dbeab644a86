using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Engines;

namespace Care.Benchmarks.Clinical;

/// <summary>
/// Per-observation latency of an incremental explained sepsis update: every iteration is one call
/// (invocation count 1), so the P95 and Max columns are per-call figures; Max bounds the p99.
/// </summary>
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 200, iterationCount: 3000, invocationCount: 1)]
[MinColumn]
[MaxColumn]
[Config(typeof(Percentiles))]
public class SepsisLatencyBenchmarks
{
    private readonly SepsisScoringBenchmarks _inner = new();

    [GlobalSetup]
    public void Setup() => _inner.Setup();

    [Benchmark]
    public object OneObservationSet() => _inner.IncrementalExplainedUpdate();

    private sealed class Percentiles : BenchmarkDotNet.Configs.ManualConfig
    {
        public Percentiles() => AddColumn(StatisticColumn.P50, StatisticColumn.P95);
    }
}
