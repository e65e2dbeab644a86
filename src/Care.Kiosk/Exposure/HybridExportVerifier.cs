using Care.Epidemic.Exports;
using Care.Trust.Identity;

namespace Care.Kiosk.Exposure;

/// <summary>Verifies Hermes's hybrid post-quantum <c>TEKSignature</c> (Ed25519 + ML-DSA-65) of an export. Thread safe.</summary>
public sealed class HybridExportVerifier(HybridVerificationKey key, string keyId, string keyVersion) : IExportVerifier
{
    private readonly HybridVerificationKey _key = key ?? throw new ArgumentNullException(nameof(key));

    /// <inheritdoc/>
    public ExportSignatureInfo Info { get; } = new(keyVersion, keyId, HybridAlgorithms.Signature);

    /// <inheritdoc/>
    public bool Verify(ReadOnlySpan<byte> data, ReadOnlySpan<byte> signature) => _key.Verify(data, signature);
}
