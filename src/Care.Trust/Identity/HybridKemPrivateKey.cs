using System.Security.Cryptography;
using Care.Trust.Identity.Backends;
using Org.BouncyCastle.Crypto.Agreement;
using Org.BouncyCastle.Crypto.Parameters;

namespace Care.Trust.Identity;

/// <summary>
/// A recipient's private key-establishment key, held as seeds: the X25519 private key (32 bytes)
/// and the ML-KEM-768 seed d || z (64 bytes, FIPS 203 Algorithm 16). Immutable; thread safe.
/// Never log <see cref="ExportSeeds"/>.
/// </summary>
public sealed class HybridKemPrivateKey
{
    /// <summary>Size of <see cref="ExportSeeds"/>.</summary>
    public const int SeedBytes = 96;

    private readonly byte[] _seeds;
    private readonly X25519PrivateKeyParameters _x25519;
    private readonly IMLKemPrivateKey _mlKem;

    private HybridKemPrivateKey(byte[] seeds)
    {
        _seeds = seeds;
        _x25519 = new X25519PrivateKeyParameters(seeds, 0);
        _mlKem = PostQuantumBackend.Current.MLKemFromSeed(seeds[32..]);
        var encoded = new byte[HybridAlgorithms.KemPublicKeyBytes];
        _x25519.GeneratePublicKey().Encode(encoded, 0);
        _mlKem.EncapsulationKey.CopyTo(encoded, HybridAlgorithms.X25519PublicKeyBytes);
        PublicKey = HybridKemPublicKey.Import(encoded);
    }

    /// <summary>The matching public key.</summary>
    public HybridKemPublicKey PublicKey { get; }

    /// <summary>Creates a new key from the operating system's random source.</summary>
    public static HybridKemPrivateKey Generate() => new(TrustRandom.Bytes(SeedBytes));

    /// <summary>Recreates a key from exactly 96 seed bytes; throws <see cref="ArgumentException"/> otherwise.</summary>
    public static HybridKemPrivateKey FromSeeds(ReadOnlySpan<byte> seeds)
    {
        if (seeds.Length != SeedBytes)
        {
            throw new ArgumentException($"hybrid KEM private key seeds are {SeedBytes} bytes, got {seeds.Length}", nameof(seeds));
        }
        return new HybridKemPrivateKey(seeds.ToArray());
    }

    /// <summary>The 96 seed bytes (secret). A fresh copy.</summary>
    public byte[] ExportSeeds() => (byte[])_seeds.Clone();

    /// <summary>
    /// Recovers the 32-byte shared key from a ciphertext made by <see cref="HybridKemPublicKey.Encapsulate"/>.
    /// Throws <see cref="ArgumentException"/> when the length is wrong. A modified ciphertext does not
    /// throw: ML-KEM's implicit rejection yields an unrelated key, so the AEAD that uses it fails.
    /// </summary>
    public byte[] Decapsulate(ReadOnlySpan<byte> ciphertext)
    {
        if (ciphertext.Length != HybridAlgorithms.KemCiphertextBytes)
        {
            throw new ArgumentException($"a hybrid KEM ciphertext is {HybridAlgorithms.KemCiphertextBytes} bytes, got {ciphertext.Length}", nameof(ciphertext));
        }
        var ephemeral = new X25519PublicKeyParameters(ciphertext[..HybridAlgorithms.X25519PublicKeyBytes]);
        var classical = new byte[32];
        var agreement = new X25519Agreement();
        agreement.Init(_x25519);
        agreement.CalculateAgreement(ephemeral, classical, 0);

        var postQuantum = _mlKem.Decapsulate(ciphertext[HybridAlgorithms.X25519PublicKeyBytes..]);
        var key = HybridKemCombiner.Combine(postQuantum, classical, ciphertext, PublicKey.Export());
        CryptographicOperations.ZeroMemory(postQuantum);
        CryptographicOperations.ZeroMemory(classical);
        return key;
    }
}
