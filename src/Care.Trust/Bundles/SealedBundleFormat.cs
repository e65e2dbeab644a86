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
}
