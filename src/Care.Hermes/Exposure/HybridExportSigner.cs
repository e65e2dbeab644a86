using Care.Epidemic.Exports;
using Care.Trust.Identity;

namespace Care.Hermes.Exposure;

/// <summary>
/// Hermes's hybrid post-quantum export signature (Ed25519 + ML-DSA-65, Care.Trust): a second
/// <c>TEKSignature</c> in every export, beside the ECDSA P-256 one GAEN clients verify. Thread safe.
/// </summary>
public sealed class HybridExportSigner(HybridSigningKey key, string keyId, string keyVersion) : IExportSigner
{
    private readonly HybridSigningKey _key = key ?? throw new ArgumentNullException(nameof(key));

    /// <summary>The algorithm name written into the signature info (no OID is registered for this hybrid yet).</summary>
    public const string Algorithm = HybridAlgorithms.Signature;

    /// <inheritdoc/>
    public ExportSignatureInfo Info { get; } = new(keyVersion, keyId, Algorithm);

    /// <summary>The public key a Care client verifies the second signature with.</summary>
    public HybridVerificationKey PublicKey => _key.PublicKey;

    /// <inheritdoc/>
    public byte[] Sign(ReadOnlySpan<byte> data) => _key.Sign(data);
}
