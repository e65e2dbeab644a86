using System.Security.Cryptography;
using System.Text;
using Care.Trust.Identity.Backends;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Signers;

namespace Care.Trust.Identity;

/// <summary>
/// The public half of a hybrid identity: an Ed25519 key and an ML-DSA-65 key. A signature is
/// accepted only if BOTH parts verify over the same domain-separated message, so forging it
/// needs breaking Ed25519 and ML-DSA. Immutable; <see cref="Verify"/> is thread safe.
/// </summary>
public sealed class HybridVerificationKey : IEquatable<HybridVerificationKey>
{
    private static readonly byte[] Domain = Encoding.ASCII.GetBytes("care.trust.hybrid-sig.v1\0");
    private readonly byte[] _encoded;
    private readonly Ed25519PublicKeyParameters _ed25519;
    private readonly byte[] _mlDsa;

    private HybridVerificationKey(byte[] encoded)
    {
        _encoded = encoded;
        _ed25519 = new Ed25519PublicKeyParameters(encoded, 0);
        _mlDsa = encoded[HybridAlgorithms.Ed25519PublicKeyBytes..];
        KeyId = Convert.ToHexStringLower(SHA256.HashData(encoded));
    }

    /// <summary>SHA-256 of <see cref="Export"/>, lower-case hex (64 characters): the key's stable name.</summary>
    public string KeyId { get; }

    /// <summary>
    /// Reads an encoded key (<see cref="HybridAlgorithms.VerificationKeyBytes"/> bytes: Ed25519 then
    /// ML-DSA-65). Throws <see cref="ArgumentException"/> naming the expected length when it is wrong.
    /// </summary>
    public static HybridVerificationKey Import(ReadOnlySpan<byte> encoded)
    {
        if (encoded.Length != HybridAlgorithms.VerificationKeyBytes)
        {
            throw new ArgumentException($"a hybrid verification key is {HybridAlgorithms.VerificationKeyBytes} bytes, got {encoded.Length}", nameof(encoded));
        }
        return new HybridVerificationKey(encoded.ToArray());
    }

    /// <summary>The encoded key: Ed25519 (32 bytes) then ML-DSA-65 (1952 bytes). A fresh copy.</summary>
    public byte[] Export() => (byte[])_encoded.Clone();

    /// <summary>
    /// True only if <paramref name="signature"/> is exactly <see cref="HybridAlgorithms.SignatureBytes"/>
    /// long and both its Ed25519 and ML-DSA-65 parts verify over <paramref name="message"/>.
    /// Never throws for malformed signatures; returns false.
    /// </summary>
    public bool Verify(ReadOnlySpan<byte> message, ReadOnlySpan<byte> signature)
    {
        if (signature.Length != HybridAlgorithms.SignatureBytes)
        {
            return false;
        }
        var bound = BindMessage(message);
        var ed = new Ed25519Signer();
        ed.Init(false, _ed25519);
        ed.BlockUpdate(bound);
        var edOk = ed.VerifySignature(signature[..HybridAlgorithms.Ed25519SignatureBytes].ToArray());
        var mlOk = PostQuantumBackend.Current.MLDsaVerify(_mlDsa, bound, signature[HybridAlgorithms.Ed25519SignatureBytes..].ToArray());
        return edOk & mlOk;
    }

    /// <inheritdoc/>
    public bool Equals(HybridVerificationKey? other) => other is not null && _encoded.AsSpan().SequenceEqual(other._encoded);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as HybridVerificationKey);

    /// <inheritdoc/>
    public override int GetHashCode() => BitConverter.ToInt32(_encoded, 0);

    /// <summary>
    /// The message both algorithms sign: a domain string, this key's id (binding the two halves so
    /// neither can be stripped and reused under another key) and the caller's message.
    /// </summary>
    internal byte[] BindMessage(ReadOnlySpan<byte> message)
    {
        var id = Convert.FromHexString(KeyId);
        var bound = new byte[Domain.Length + id.Length + message.Length];
        Domain.CopyTo(bound, 0);
        id.CopyTo(bound, Domain.Length);
        message.CopyTo(bound.AsSpan(Domain.Length + id.Length));
        return bound;
    }
}
