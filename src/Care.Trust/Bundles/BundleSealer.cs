using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text.Json;
using Care.Trust.Identity;

namespace Care.Trust.Bundles;

/// <summary>
/// Seals a device's upload: encrypts the payload for the recipient (hybrid X25519 + ML-KEM-768,
/// HKDF-SHA256, AES-256-GCM) and signs the whole with the device's hybrid identity, stamping a
/// sequence number that must grow with every bundle. Thread safe.
/// </summary>
public static class BundleSealer
{
    /// <summary>
    /// Returns the sealed bytes. <paramref name="sequence"/> must be ≥ 0 and above every sequence this
    /// device sealed before (the recipient refuses anything else as a replay); the payload is at most 64 MiB.
    /// </summary>
    public static byte[] Seal(ReadOnlySpan<byte> payload, string deviceId, long sequence, HybridSigningKey deviceKey, HybridKemPublicKey recipient, DateTimeOffset sealedAt)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(deviceId);
        ArgumentNullException.ThrowIfNull(deviceKey);
        ArgumentNullException.ThrowIfNull(recipient);
        ArgumentOutOfRangeException.ThrowIfNegative(sequence);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(payload.Length, SealedBundleFormat.MaxPayloadBytes);
        var header = Header(deviceId, sequence, recipient.KeyId, sealedAt, HybridAlgorithms.Signature);
        var kem = recipient.Encapsulate();
        var nonce = RandomNumberGenerator.GetBytes(SealedBundleFormat.NonceBytes);
        var signedLength = SealedBundleFormat.Magic.Length + 2 + header.Length + kem.Ciphertext.Length + nonce.Length + 4 + payload.Length + SealedBundleFormat.TagBytes;
        var bundle = new byte[signedLength + 2 + HybridAlgorithms.SignatureBytes];
        var at = 0;
        void Put(ReadOnlySpan<byte> bytes)
        {
            bytes.CopyTo(bundle.AsSpan(at));
            at += bytes.Length;
        }
        Put(SealedBundleFormat.Magic);
        BinaryPrimitives.WriteUInt16BigEndian(bundle.AsSpan(at), (ushort)header.Length);
        at += 2;
        Put(header);
        Put(kem.Ciphertext);
        Put(nonce);
        var associated = bundle.AsSpan(0, at);
        BinaryPrimitives.WriteUInt32BigEndian(bundle.AsSpan(at), (uint)payload.Length);
        at += 4;
        using (var aes = new AesGcm(kem.SharedKey, SealedBundleFormat.TagBytes))
        {
            aes.Encrypt(nonce, payload, bundle.AsSpan(at, payload.Length), bundle.AsSpan(at + payload.Length, SealedBundleFormat.TagBytes), associated);
        }
        CryptographicOperations.ZeroMemory(kem.SharedKey);
        at += payload.Length + SealedBundleFormat.TagBytes;
        var signature = deviceKey.Sign(SealedBundleFormat.SignedDigest(bundle.AsSpan(0, signedLength)));
        BinaryPrimitives.WriteUInt16BigEndian(bundle.AsSpan(at), (ushort)signature.Length);
        signature.CopyTo(bundle.AsSpan(at + 2));
        return bundle;
    }

    /// <summary>The header JSON; <paramref name="signatureAlgorithm"/> is exposed for tests of refused algorithms.</summary>
    internal static byte[] Header(string deviceId, long sequence, string recipientKeyId, DateTimeOffset sealedAt, string signatureAlgorithm)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("deviceId", deviceId);
            writer.WriteString("kem", HybridAlgorithms.KeyEstablishment);
            writer.WriteString("recipient", recipientKeyId);
            writer.WriteNumber("sealedAt", sealedAt.ToUnixTimeMilliseconds());
            writer.WriteNumber("sequence", sequence);
            writer.WriteString("sig", signatureAlgorithm);
            writer.WriteEndObject();
        }
        return buffer.ToArray();
    }
}
