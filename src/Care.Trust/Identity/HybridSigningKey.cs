using Care.Trust.Identity.Backends;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Signers;

namespace Care.Trust.Identity;

/// <summary>
/// The private half of a hybrid identity, held as two 32-byte seeds: the Ed25519 private key
/// (RFC 8032) and the ML-DSA-65 key-generation seed ξ (FIPS 204 Algorithm 6). Signing is hedged
/// (fresh randomness per ML-DSA signature). Immutable; <see cref="Sign"/> is thread safe.
/// Never log or print <see cref="ExportSeeds"/>.
/// </summary>
public sealed class HybridSigningKey
{
    /// <summary>Size of <see cref="ExportSeeds"/>: Ed25519 seed then ML-DSA seed, 32 bytes each.</summary>
    public const int SeedBytes = 64;

    private readonly byte[] _seeds;
    private readonly Ed25519PrivateKeyParameters _ed25519;
    private readonly IMLDsaPrivateKey _mlDsa;

    private HybridSigningKey(byte[] seeds)
    {
        _seeds = seeds;
        _ed25519 = new Ed25519PrivateKeyParameters(seeds, 0);
        _mlDsa = PostQuantumBackend.Current.MLDsaFromSeed(seeds[32..]);
        var encoded = new byte[HybridAlgorithms.VerificationKeyBytes];
        _ed25519.GeneratePublicKey().Encode(encoded, 0);
        _mlDsa.PublicKey.CopyTo(encoded, HybridAlgorithms.Ed25519PublicKeyBytes);
        PublicKey = HybridVerificationKey.Import(encoded);
    }

    /// <summary>The matching public key.</summary>
    public HybridVerificationKey PublicKey { get; }

    /// <summary>Creates a new identity from the operating system's random source.</summary>
    public static HybridSigningKey Generate() => new(TrustRandom.Bytes(SeedBytes));

    /// <summary>
    /// Recreates an identity from <see cref="ExportSeeds"/> output (exactly 64 bytes); the same
    /// seeds always give the same keys. Throws <see cref="ArgumentException"/> on any other length.
    /// </summary>
    public static HybridSigningKey FromSeeds(ReadOnlySpan<byte> seeds)
    {
        if (seeds.Length != SeedBytes)
        {
            throw new ArgumentException($"hybrid signing key seeds are {SeedBytes} bytes, got {seeds.Length}", nameof(seeds));
        }
        return new HybridSigningKey(seeds.ToArray());
    }

    /// <summary>The 64 seed bytes (secret). A fresh copy.</summary>
    public byte[] ExportSeeds() => (byte[])_seeds.Clone();

    /// <summary>
    /// Signs <paramref name="message"/> (any length) with both algorithms; returns
    /// <see cref="HybridAlgorithms.SignatureBytes"/> bytes: Ed25519 signature then ML-DSA-65 signature.
    /// </summary>
    public byte[] Sign(ReadOnlySpan<byte> message)
    {
        var bound = PublicKey.BindMessage(message);
        var ed = new Ed25519Signer();
        ed.Init(true, _ed25519);
        ed.BlockUpdate(bound);
        var edSig = ed.GenerateSignature();
        var mlSig = _mlDsa.Sign(bound);
        var signature = new byte[HybridAlgorithms.SignatureBytes];
        edSig.CopyTo(signature, 0);
        mlSig.CopyTo(signature, HybridAlgorithms.Ed25519SignatureBytes);
        return signature;
    }
}
