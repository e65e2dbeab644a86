using BenchmarkDotNet.Attributes;
using Care.Trust.Identity;

namespace Care.Benchmarks.Trust;

/// <summary>Hybrid X25519 + ML-KEM-768 encapsulation and decapsulation, including the HKDF-SHA256 combiner.</summary>
[MemoryDiagnoser]
public class HybridKemBenchmarks
{
    private HybridKemPrivateKey _recipient = null!;
    private byte[] _ciphertext = null!;

    [GlobalSetup]
    public void Setup()
    {
        _recipient = HybridKemPrivateKey.FromSeeds(Enumerable.Range(0, 96).Select(i => (byte)i).ToArray());
        _ciphertext = _recipient.PublicKey.Encapsulate().Ciphertext;
    }

    [Benchmark]
    public byte[] Encapsulate() => _recipient.PublicKey.Encapsulate().SharedKey;

    [Benchmark]
    public byte[] Decapsulate() => _recipient.Decapsulate(_ciphertext);
}
