using System.Text;

namespace Care.Trust.Bundles;

/// <summary>
/// The wire layout of a sealed bundle (all integers big-endian):
/// <c>magic "CARESB1\0" (8) | u16 header length | header (UTF-8 JSON) | KEM ciphertext (1120) |
/// nonce (12) | u32 ciphertext length | AES-256-GCM ciphertext | tag (16) | u16 signature length |
/// hybrid signature</c>. The signature covers every byte before its length field; the header and
/// KEM ciphertext are the AEAD's associated data.
/// </summary>
internal static class SealedBundleFormat
{
    public static readonly byte[] Magic = Encoding.ASCII.GetBytes("CARESB1\0");

    public const int NonceBytes = 12;

    public const int TagBytes = 16;

    public const int MaxHeaderBytes = 4096;

    /// <summary>Upper bound on the payload (64 MiB): larger bundles are refused before any allocation.</summary>
    public const int MaxPayloadBytes = 64 * 1024 * 1024;

    /// <summary>Domain label of the signed digest, so a bundle signature can never stand for another signed message.</summary>
    private static readonly byte[] DigestLabel = Encoding.ASCII.GetBytes("care.sealed-bundle.v1\0");

    /// <summary>
    /// What the device's hybrid key signs: the label followed by SHA-512 of every byte before the
    /// signature. Hashing first with the platform's SHA-512 (hardware-accelerated) keeps signing and
    /// verifying a 200 KB bundle at the cost of a 86-byte message for both Ed25519 and ML-DSA-65,
    /// instead of hashing the whole bundle twice in managed code; collision resistance of SHA-512
    /// carries the binding.
    /// </summary>
    public static byte[] SignedDigest(ReadOnlySpan<byte> signedBytes)
    {
        var message = new byte[DigestLabel.Length + System.Security.Cryptography.SHA512.HashSizeInBytes];
        DigestLabel.CopyTo(message, 0);
        System.Security.Cryptography.SHA512.HashData(signedBytes, message.AsSpan(DigestLabel.Length));
        return message;
    }
}
