using System.Security.Cryptography;

namespace Care.Trust.Identity.Backends;

#pragma warning disable SYSLIB5006 // .NET 10 marks the ML-DSA/ML-KEM types experimental; the backend is cross-checked before use.

/// <summary>
/// ML-DSA-65 and ML-KEM-768 from the platform (.NET 10 <see cref="MLDsa"/> and <see cref="MLKem"/>).
/// Keys are imported from their seeds per operation and disposed at once, so no native handle
/// outlives a call.
/// </summary>
internal sealed class PlatformBackend : PostQuantumBackend
{
    public static bool IsSupported => MLDsa.IsSupported && MLKem.IsSupported;

    public override string Name => ".NET platform (MLDsa/MLKem)";

    public override IMLDsaPrivateKey MLDsaFromSeed(byte[] seed) => new DsaKey(seed);

    public override bool MLDsaVerify(byte[] publicKey, byte[] message, byte[] signature)
    {
        if (signature.Length != MLDsaAlgorithm.MLDsa65.SignatureSizeInBytes)
        {
            return false;
        }
        using var key = MLDsa.ImportMLDsaPublicKey(MLDsaAlgorithm.MLDsa65, publicKey);
        return key.VerifyData(message, signature);
    }

    public override IMLKemPrivateKey MLKemFromSeed(byte[] seed) => new KemKey(seed);

    public override (byte[] Ciphertext, byte[] Secret) MLKemEncapsulate(byte[] encapsulationKey)
    {
        using var key = MLKem.ImportEncapsulationKey(MLKemAlgorithm.MLKem768, encapsulationKey);
        key.Encapsulate(out var ciphertext, out var secret);
        return (ciphertext, secret);
    }

    private sealed class DsaKey : IMLDsaPrivateKey
    {
        private readonly byte[] _seed;

        public DsaKey(byte[] seed)
        {
            _seed = seed;
            using var key = MLDsa.ImportMLDsaPrivateSeed(MLDsaAlgorithm.MLDsa65, seed);
            PublicKey = key.ExportMLDsaPublicKey();
        }

        public byte[] PublicKey { get; }

        public byte[] Sign(byte[] message)
        {
            using var key = MLDsa.ImportMLDsaPrivateSeed(MLDsaAlgorithm.MLDsa65, _seed);
            return key.SignData(message);
        }
    }

    private sealed class KemKey : IMLKemPrivateKey
    {
        private readonly byte[] _seed;

        public KemKey(byte[] seed)
        {
            _seed = seed;
            using var key = MLKem.ImportPrivateSeed(MLKemAlgorithm.MLKem768, seed);
            EncapsulationKey = key.ExportEncapsulationKey();
        }

        public byte[] EncapsulationKey { get; }

        public byte[] Decapsulate(ReadOnlySpan<byte> ciphertext)
        {
            using var key = MLKem.ImportPrivateSeed(MLKemAlgorithm.MLKem768, _seed);
            return key.Decapsulate(ciphertext.ToArray());
        }
    }
}
