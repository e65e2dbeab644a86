using System.Security.Cryptography;
using Care.Trust.Identity.Backends;
using Org.BouncyCastle.Crypto.Agreement;
using Org.BouncyCastle.Crypto.Parameters;

namespace Care.Trust.Identity;

/// <summary>
/// A recipient's public key-establishment key: X25519 (32 bytes) then ML-KEM-768 (1184 bytes).
/// <see cref="Encapsulate"/> gives a ciphertext only the holder of the matching
/// <see cref="HybridKemPrivateKey"/> can open, and a 32-byte shared key that stays secret unless
/// BOTH X25519 and ML-KEM-768 are broken. Immutable and thread safe.
/// </summary>
public sealed class HybridKemPublicKey
{
    private readonly byte[] _encoded;
    private readonly X25519PublicKeyParameters _x25519;
    private readonly byte[] _mlKem;

    private HybridKemPublicKey(byte[] encoded)
    {
        _encoded = encoded;
        _x25519 = new X25519PublicKeyParameters(encoded, 0);
        _mlKem = encoded[HybridAlgorithms.X25519PublicKeyBytes..];
        KeyId = Convert.ToHexStringLower(SHA256.HashData(encoded));
    }

    /// <summary>SHA-256 of <see cref="Export"/>, lower-case hex: names the recipient in sealed bundles.</summary>
    public string KeyId { get; }

    /// <summary>
    /// Reads an encoded key of exactly <see cref="HybridAlgorithms.KemPublicKeyBytes"/> bytes; throws
    /// <see cref="ArgumentException"/> otherwise.
    /// </summary>
    public static HybridKemPublicKey Import(ReadOnlySpan<byte> encoded)
    {
        if (encoded.Length != HybridAlgorithms.KemPublicKeyBytes)
        {
            throw new ArgumentException($"a hybrid KEM public key is {HybridAlgorithms.KemPublicKeyBytes} bytes, got {encoded.Length}", nameof(encoded));
        }
        return new HybridKemPublicKey(encoded.ToArray());
    }

    /// <summary>The encoded key. A fresh copy.</summary>
    public byte[] Export() => (byte[])_encoded.Clone();

    /// <summary>
    /// Creates a fresh shared key for this recipient. Returns the ciphertext to send
    /// (<see cref="HybridAlgorithms.KemCiphertextBytes"/> bytes) and the 32-byte shared key to use.
    /// </summary>
    public HybridKemEncapsulation Encapsulate()
    {
        var ephemeral = new X25519PrivateKeyParameters(TrustRandom.Shared);
        var classical = new byte[32];
        var agreement = new X25519Agreement();
        agreement.Init(ephemeral);
        agreement.CalculateAgreement(_x25519, classical, 0);

        var (kemCiphertext, postQuantum) = PostQuantumBackend.Current.MLKemEncapsulate(_mlKem);
        var ciphertext = new byte[HybridAlgorithms.KemCiphertextBytes];
        ephemeral.GeneratePublicKey().Encode(ciphertext, 0);
        kemCiphertext.CopyTo(ciphertext, HybridAlgorithms.X25519PublicKeyBytes);
        var key = HybridKemCombiner.Combine(postQuantum, classical, ciphertext, _encoded);
        return new HybridKemEncapsulation(ciphertext, key);
    }
}
