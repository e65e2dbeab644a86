using BenchmarkDotNet.Attributes;
using Care.Trust.Identity;

namespace Care.Benchmarks.Trust;

/// <summary>Hybrid Ed25519 + ML-DSA-65 signing and verification of a 256-byte message (BouncyCastle 2.7.0).</summary>
[MemoryDiagnoser]
public class HybridSignatureBenchmarks
{
    private readonly byte[] _message = new byte[256];
    private HybridSigningKey _key = null!;
    private byte[] _signature = null!;

    [GlobalSetup]
    public void Setup()
    {
        new Random(6).NextBytes(_message);
        _key = HybridSigningKey.FromSeeds(Enumerable.Range(0, 64).Select(i => (byte)i).ToArray());
        _signature = _key.Sign(_message);
    }

    [Benchmark]
    public byte[] Sign() => _key.Sign(_message);

    [Benchmark]
    public bool Verify() => _key.PublicKey.Verify(_message, _signature);
}
