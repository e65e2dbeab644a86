using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Care.Epidemic.Exports;
using Care.Epidemic.Matching;
using Care.Epidemic.Proximity;

namespace Care.Benchmarks.Epidemic;

/// <summary>
/// Issue 13 item 6: one patch's 14 days of encounters (20,000 identifiers) against 1,000,000 published
/// diagnosis keys of 144 identifiers each, on one core. Also the pure AES rate of the same work, to say
/// how close matching comes to the machine's AES throughput.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(InProcessShortConfig))]
public class ExposureMatchingBenchmarks
{
    /// <summary>
    /// In-process, 3 iterations: each operation takes seconds, and on the shared, loaded machine the
    /// generated out-of-process project timed out while building (BenchmarkDotNet's 2-minute limit).
    /// </summary>
    private sealed class InProcessShortConfig : ManualConfig
    {
        public InProcessShortConfig() =>
            AddJob(Job.Default.WithToolchain(InProcessEmitToolchain.Instance).WithLaunchCount(1).WithWarmupCount(1).WithIterationCount(3));
    }

    private const int Day0 = 2_650_032;
    private DiagnosisKey[] _keys = [];
    private EncounterIndex _index = null!;
    private readonly List<ExposureMatch> _matches = [];

    [Params(1_000_000)]
    public int PublishedKeys { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(42);
        _keys = new DiagnosisKey[PublishedKeys];
        for (var i = 0; i < _keys.Length; i++)
        {
            _keys[i] = new DiagnosisKey(new Block128((ulong)random.NextInt64(), (ulong)random.NextInt64()), Day0 + 144 * random.Next(14), 144, 6, ReportType.ConfirmedTest, 1);
        }
        var encounters = new List<Encounter>(20_000);
        // 20 true exposures to published keys, the rest strangers' identifiers.
        for (var i = 0; i < 20; i++)
        {
            var key = _keys[random.Next(_keys.Length)];
            var interval = key.RollingStartIntervalNumber + random.Next(144);
            encounters.Add(new Encounter(GaenCrypto.RollingProximityIdentifier(GaenCrypto.DeriveRpik(key.KeyData), interval), interval, 55, 5));
        }
        while (encounters.Count < 20_000)
        {
            encounters.Add(new Encounter(new Block128((ulong)random.NextInt64(), (ulong)random.NextInt64()), Day0 + random.Next(14 * 144), 65, 5));
        }
        _index = new EncounterIndex(encounters);
    }

    /// <summary>Full matching: HKDF per key, 144 AES blocks per key, 144 probes per key.</summary>
    [Benchmark]
    public int Match()
    {
        _matches.Clear();
        return new ExposureMatcher(_index).Match(_keys, _matches);
    }

    /// <summary>HKDF-SHA256 for every key, eight keys per SIMD batch (the path <c>Match</c> takes).</summary>
    [Benchmark]
    public ulong HkdfBatchOnly()
    {
        Span<Block128> teks = stackalloc Block128[HkdfSha256Batch.Lanes];
        Span<Block128> rpiks = stackalloc Block128[HkdfSha256Batch.Lanes];
        ulong x = 0;
        for (var i = 0; i + HkdfSha256Batch.Lanes <= _keys.Length; i += HkdfSha256Batch.Lanes)
        {
            for (var lane = 0; lane < teks.Length; lane++)
            {
                teks[lane] = _keys[i + lane].KeyData;
            }
            HkdfSha256Batch.Derive(teks, "EN-RPIK"u8, rpiks);
            x ^= rpiks[0].Lo;
        }
        return x;
    }

    /// <summary>HKDF-SHA256 alone for every key through .NET's <c>HKDF.DeriveKey</c> (the reference path).</summary>
    [Benchmark]
    public ulong HkdfOnly()
    {
        ulong x = 0;
        foreach (var key in _keys)
        {
            x ^= GaenCrypto.DeriveRpik(key.KeyData).Lo;
        }
        return x;
    }

    /// <summary>The AES work alone: 144 blocks per key with a fresh key schedule, no hashing, no probing.</summary>
    [Benchmark]
    public ulong AesOnly()
    {
        Span<Block128> rpis = stackalloc Block128[144];
        ulong x = 0;
        foreach (var key in _keys)
        {
            GaenCrypto.RollingProximityIdentifiers(key.KeyData, key.RollingStartIntervalNumber, rpis);
            x ^= rpis[143].Lo;
        }
        return x;
    }
}
