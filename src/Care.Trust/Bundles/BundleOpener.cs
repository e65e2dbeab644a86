using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text.Json;
using Care.Trust.Identity;

namespace Care.Trust.Bundles;

/// <summary>
/// The recipient side: parses, verifies and decrypts a sealed bundle, in this order — structure,
/// signature algorithm (classical-only refused), device (unknown or revoked refused), hybrid
/// signature, recipient, sequence (replays refused), decryption — and records the sequence only
/// when every check passed. A refusal throws <see cref="BundleRejectedException"/>; the caller must
/// then store nothing. Thread safe when the directory and tracker are.
/// </summary>
public sealed class BundleOpener(HybridKemPrivateKey recipientKey, IDeviceDirectory devices, ISequenceTracker sequences)
{
    /// <summary>Opens <paramref name="bundle"/> or throws <see cref="BundleRejectedException"/> with the failed check.</summary>
    public OpenedBundle Open(ReadOnlySpan<byte> bundle)
    {
        var reader = new Reader(bundle);
        if (!reader.Take(SealedBundleFormat.Magic.Length, "magic").SequenceEqual(SealedBundleFormat.Magic))
        {
            throw new BundleRejectedException(BundleRejection.Malformed, "bytes 0–7 are not the sealed bundle magic 'CARESB1'");
        }
        var headerLength = BinaryPrimitives.ReadUInt16BigEndian(reader.Take(2, "header length"));
        if (headerLength > SealedBundleFormat.MaxHeaderBytes)
        {
            throw new BundleRejectedException(BundleRejection.Malformed, $"header length {headerLength} at byte 8 exceeds {SealedBundleFormat.MaxHeaderBytes}");
        }
        var header = ParseHeader(reader.Take(headerLength, "header"));
        var kemCiphertext = reader.Take(HybridAlgorithms.KemCiphertextBytes, "KEM ciphertext");
        var nonce = reader.Take(SealedBundleFormat.NonceBytes, "nonce");
        var associatedLength = reader.Offset;
        var payloadLength = BinaryPrimitives.ReadUInt32BigEndian(reader.Take(4, "ciphertext length"));
        if (payloadLength > SealedBundleFormat.MaxPayloadBytes)
        {
            throw new BundleRejectedException(BundleRejection.Malformed, $"ciphertext length {payloadLength} at byte {associatedLength} exceeds {SealedBundleFormat.MaxPayloadBytes}");
        }
        var ciphertext = reader.Take((int)payloadLength, "ciphertext");
        var tag = reader.Take(SealedBundleFormat.TagBytes, "authentication tag");
        var signedLength = reader.Offset;
        if (reader.Remaining == 0)
        {
            throw new BundleRejectedException(BundleRejection.Unsigned, $"no signature after byte {signedLength}");
        }
        var signatureLength = BinaryPrimitives.ReadUInt16BigEndian(reader.Take(2, "signature length"));
        if (signatureLength == 0 || header.Algorithm is "" or "none")
        {
            throw new BundleRejectedException(BundleRejection.Unsigned, $"the bundle carries no signature (algorithm '{header.Algorithm}', {signatureLength} signature bytes)");
        }
        if (header.Algorithm != HybridAlgorithms.Signature && !ClassicalAlgorithms.IsClassicalOnly(header.Algorithm))
        {
            throw new BundleRejectedException(BundleRejection.Malformed, $"signature algorithm '{header.Algorithm}' is not supported; only {HybridAlgorithms.Signature} is accepted");
        }
        if (header.Algorithm != HybridAlgorithms.Signature)
        {
            throw new BundleRejectedException(BundleRejection.ClassicalOnly, $"signature algorithm '{header.Algorithm}' is refused: only {HybridAlgorithms.Signature} (both parts must verify) is accepted, a classical-only signature can be forged by a quantum attacker");
        }
        var signature = reader.Take(signatureLength, "signature");
        if (reader.Remaining != 0)
        {
            throw new BundleRejectedException(BundleRejection.Malformed, $"{reader.Remaining} unexpected bytes after the signature at byte {reader.Offset}");
        }

        var device = devices.Find(header.DeviceId) ?? throw new BundleRejectedException(BundleRejection.UnknownDevice, $"device '{header.DeviceId}' is not registered");
        if (device.Revoked)
        {
            throw new BundleRejectedException(BundleRejection.RevokedDevice, $"device '{header.DeviceId}' was revoked");
        }
        if (!device.PublicKey.Verify(SealedBundleFormat.SignedDigest(bundle[..signedLength]), signature))
        {
            throw new BundleRejectedException(BundleRejection.Tampered, $"the hybrid signature of device '{header.DeviceId}' does not verify over bytes 0–{signedLength - 1}");
        }
        if (header.Recipient != recipientKey.PublicKey.KeyId)
        {
            throw new BundleRejectedException(BundleRejection.WrongRecipient, $"encrypted for recipient key {header.Recipient}, not this recipient's {recipientKey.PublicKey.KeyId}");
        }
        if (sequences.LastSeen(header.DeviceId) is { } last && header.Sequence <= last)
        {
            throw new BundleRejectedException(BundleRejection.Replayed, $"sequence {header.Sequence} of device '{header.DeviceId}' is not above the last accepted {last}");
        }

        var payload = new byte[payloadLength];
        var key = recipientKey.Decapsulate(kemCiphertext);
        try
        {
            using var aes = new AesGcm(key, SealedBundleFormat.TagBytes);
            aes.Decrypt(nonce, ciphertext, tag, payload, bundle[..associatedLength]);
        }
        catch (AuthenticationTagMismatchException)
        {
            throw new BundleRejectedException(BundleRejection.Tampered, "the encrypted content does not decrypt under this recipient's key (authentication tag mismatch)");
        }
        finally
        {
            CryptographicOperations.ZeroMemory(key);
        }
        if (!sequences.TryAdvance(header.DeviceId, header.Sequence))
        {
            throw new BundleRejectedException(BundleRejection.Replayed, $"sequence {header.Sequence} of device '{header.DeviceId}' was accepted concurrently");
        }
        return new OpenedBundle(header.DeviceId, header.Sequence, DateTimeOffset.FromUnixTimeMilliseconds(header.SealedAt), payload, Convert.ToHexStringLower(SHA256.HashData(payload)));
    }

    private static BundleHeader ParseHeader(ReadOnlySpan<byte> bytes)
    {
        try
        {
            var reader = new Utf8JsonReader(bytes);
            using var document = JsonDocument.ParseValue(ref reader);
            var root = document.RootElement;
            string Text(string name) => root.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString()! : throw new BundleRejectedException(BundleRejection.Malformed, $"header field '{name}' is missing or not text");
            long Number(string name) => root.TryGetProperty(name, out var v) && v.TryGetInt64(out var n) ? n : throw new BundleRejectedException(BundleRejection.Malformed, $"header field '{name}' is missing or not an integer");
            var algorithm = root.TryGetProperty("sig", out var sig) && sig.ValueKind == JsonValueKind.String ? sig.GetString()! : string.Empty;
            var sealedAt = Number("sealedAt");
            if (sealedAt < MinUnixMilliseconds || sealedAt > MaxUnixMilliseconds)
            {
                throw new BundleRejectedException(BundleRejection.Malformed, $"header field 'sealedAt' {sealedAt} is not a time in milliseconds since 1970 within years 1 to 9999");
            }
            return new BundleHeader(Text("deviceId"), Number("sequence"), Text("recipient"), sealedAt, algorithm);
        }
        catch (JsonException e)
        {
            throw new BundleRejectedException(BundleRejection.Malformed, $"header at byte 10 is not JSON: {e.Message}");
        }
        catch (InvalidOperationException e)
        {
            // A root that is not an object, or a string that is not valid UTF-8 text (found by fuzzing).
            throw new BundleRejectedException(BundleRejection.Malformed, $"header at byte 10 is not a JSON object of text and integers: {e.Message}");
        }
    }

    private static readonly long MinUnixMilliseconds = DateTimeOffset.MinValue.ToUnixTimeMilliseconds();

    private static readonly long MaxUnixMilliseconds = DateTimeOffset.MaxValue.ToUnixTimeMilliseconds();

    private sealed record BundleHeader(string DeviceId, long Sequence, string Recipient, long SealedAt, string Algorithm);

    private ref struct Reader(ReadOnlySpan<byte> bytes)
    {
        private readonly ReadOnlySpan<byte> _bytes = bytes;

        public int Offset { get; private set; }

        public readonly int Remaining => _bytes.Length - Offset;

        public ReadOnlySpan<byte> Take(int count, string field)
        {
            if (count > Remaining)
            {
                throw new BundleRejectedException(BundleRejection.Truncated, $"the bundle ends at byte {_bytes.Length} inside the {field} (needs {count} bytes from byte {Offset})");
            }
            var slice = _bytes.Slice(Offset, count);
            Offset += count;
            return slice;
        }
    }
}
