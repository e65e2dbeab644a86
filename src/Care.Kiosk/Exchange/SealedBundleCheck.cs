using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Care.Core.Ids;
using Care.Trust.Identity;

namespace Care.Kiosk.Exchange;

/// <summary>
/// The kiosk's check of a sealed bundle read from a patch, before it takes the bundle into its
/// forward queue: the layout of <c>docs/bundle-format.md</c> (magic, header, KEM ciphertext,
/// nonce, ciphertext and tag, signature), the header's device is the patch expected, and the hybrid
/// signature verifies under that patch's registered key. The kiosk cannot decrypt the payload
/// (only Hermes can); it proves the bytes are whole and the patch's own. Thread safe.
/// </summary>
public static class SealedBundleCheck
{
    /// <summary>Largest sealed bundle the kiosk takes (64 MiB payload plus framing).</summary>
    public const int MaxBundleBytes = (64 * 1024 * 1024) + (64 * 1024);

    private const int HeaderLimit = 4096;
    private const int NonceBytes = 12;
    private const int TagBytes = 16;
    private static readonly byte[] Magic = Encoding.ASCII.GetBytes("CARESB1\0");
    private static readonly byte[] DigestLabel = Encoding.ASCII.GetBytes("care.sealed-bundle.v1\0");

    /// <summary>Checks <paramref name="bundle"/> as sealed by <paramref name="patch"/> with <paramref name="patchKey"/>.</summary>
    /// <returns>Its clear header.</returns>
    /// <exception cref="BundleRefusedAtKioskException">The bundle is truncated, oversized, malformed, from another device or not signed by it; the message names the byte offset.</exception>
    public static SealedBundleHeader Verify(ReadOnlySpan<byte> bundle, PatchId patch, HybridVerificationKey patchKey)
    {
        ArgumentNullException.ThrowIfNull(patchKey);
        if (bundle.Length > MaxBundleBytes)
        {
            throw Refused(0, $"is {bundle.Length} bytes, more than the {MaxBundleBytes} a bundle may be");
        }
        int at = 0;
        ReadOnlySpan<byte> Take(ReadOnlySpan<byte> all, int count, string field)
        {
            if (count < 0 || all.Length - at < count)
            {
                throw Refused(at, $"is truncated in its {field} (needs {count} bytes, {all.Length - at} left)");
            }
            var slice = all.Slice(at, count);
            at += count;
            return slice;
        }
        if (!Take(bundle, Magic.Length, "magic").SequenceEqual(Magic))
        {
            throw Refused(0, "does not start with the sealed-bundle magic 'CARESB1'");
        }
        int headerLength = BinaryPrimitives.ReadUInt16BigEndian(Take(bundle, 2, "header length"));
        if (headerLength > HeaderLimit)
        {
            throw Refused(at - 2, $"has a {headerLength}-byte header, more than {HeaderLimit}");
        }
        int headerAt = at;
        var header = ReadHeader(Take(bundle, headerLength, "header"), headerAt);
        Take(bundle, HybridAlgorithms.KemCiphertextBytes, "KEM ciphertext");
        Take(bundle, NonceBytes, "nonce");
        long cipherLength = BinaryPrimitives.ReadUInt32BigEndian(Take(bundle, 4, "ciphertext length"));
        if (cipherLength > bundle.Length)
        {
            throw Refused(at - 4, $"states a {cipherLength}-byte ciphertext in a {bundle.Length}-byte bundle");
        }
        Take(bundle, (int)cipherLength + TagBytes, "ciphertext");
        int signedLength = at;
        int signatureLength = BinaryPrimitives.ReadUInt16BigEndian(Take(bundle, 2, "signature length"));
        var signature = Take(bundle, signatureLength, "signature");
        if (at != bundle.Length)
        {
            throw Refused(at, $"has {bundle.Length - at} bytes after its signature");
        }
        if (!string.Equals(header.DeviceId, patch.Value, StringComparison.Ordinal))
        {
            throw Refused(headerAt, $"was sealed by device '{header.DeviceId}', not by the wearer's patch '{patch.Value}'");
        }
        var message = new byte[DigestLabel.Length + SHA512.HashSizeInBytes];
        DigestLabel.CopyTo(message, 0);
        SHA512.HashData(bundle[..signedLength], message.AsSpan(DigestLabel.Length));
        if (!patchKey.Verify(message, signature))
        {
            throw Refused(signedLength + 2, $"carries a signature that does not verify under patch {patch.Value}'s registered key");
        }
        return header;
    }

    private static SealedBundleHeader ReadHeader(ReadOnlySpan<byte> json, int offset)
    {
        try
        {
            using var doc = JsonDocument.Parse(json.ToArray());
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object
                || !root.TryGetProperty("deviceId", out var device) || device.ValueKind != JsonValueKind.String
                || !root.TryGetProperty("sequence", out var sequence) || !sequence.TryGetInt64(out long number) || number < 0
                || !root.TryGetProperty("sealedAt", out var sealedAt) || !sealedAt.TryGetInt64(out long millis))
            {
                throw Refused(offset, "has a header without deviceId, sequence ≥ 0 and sealedAt");
            }
            return new SealedBundleHeader(device.GetString()!, number, DateTimeOffset.FromUnixTimeMilliseconds(millis));
        }
        catch (JsonException e)
        {
            throw Refused(offset + (int)(e.BytePositionInLine ?? 0), $"has a header that is not JSON ({e.Message})");
        }
        catch (ArgumentOutOfRangeException)
        {
            throw Refused(offset, "has a sealedAt outside the representable range");
        }
    }

    private static BundleRefusedAtKioskException Refused(int offset, string problem) =>
        new($"the old patch's bundle (byte {offset}) {problem}");
}
