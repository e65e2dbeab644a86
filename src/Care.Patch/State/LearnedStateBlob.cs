using System.Security.Cryptography;
using System.Text;
using Care.Core.Ids;
using Care.Trust.Identity;

namespace Care.Patch.State;

/// <summary>
/// The wearer's learned state in transit from one patch to the next (ADR 0018), version 1, all
/// integers little-endian:
/// <code>
/// "CARELS1\0" | u16 version | u16+UTF-8 wearer | u16+UTF-8 from-patch | 32-byte recipient KEM key id
/// | i64 sequence | i64 taken-at (UTC ticks) | u16 + hybrid KEM ciphertext | 12-byte nonce
/// | u32 + AES-256-GCM ciphertext of <see cref="LearnedStatePayload"/> | 16-byte tag | u16 + hybrid signature
/// </code>
/// The state is encrypted for the new patch's hybrid KEM key (X25519 + ML-KEM-768, Care.Trust) with
/// AES-256-GCM under the encapsulated key, the clear header (everything before the ciphertext) as
/// associated data; then everything is signed by the old patch's hybrid identity key
/// (Ed25519 + ML-DSA-65) under the context "care.learned-state.v1". Encrypt-then-sign lets a kiosk or
/// Hermes check the signature, the wearer, the source and the sequence without the key to the state,
/// and store the blob opaquely. At most <see cref="MaxBlobBytes"/> bytes.
/// </summary>
public static class LearnedStateBlob
{
    /// <summary>The version this code writes and reads.</summary>
    public const int Version = 1;

    /// <summary>The largest blob accepted (64 KiB; version 1 with an insulin loop is about 9 KiB).</summary>
    public const int MaxBlobBytes = 64 * 1024;

    private const int NonceBytes = 12;
    private const int TagBytes = 16;
    private const int KeyIdBytes = 32;
    private const int MaxIdBytes = 128;
    private static readonly byte[] Magic = Encoding.ASCII.GetBytes("CARELS1\0");
    private static readonly byte[] SignatureContext = Encoding.ASCII.GetBytes("care.learned-state.v1\0");

    /// <summary>Seals <paramref name="state"/> as <paramref name="fromPatch"/> for the patch holding <paramref name="recipient"/>'s private key.</summary>
    /// <param name="state">The plaintext state.</param>
    /// <param name="wearer">Whose state it is.</param>
    /// <param name="fromPatch">The patch sealing it.</param>
    /// <param name="sequence">The transfer's sequence number (≥ 1).</param>
    /// <param name="takenAt">When the state was taken.</param>
    /// <param name="signer">The sealing patch's identity key.</param>
    /// <param name="recipient">The new patch's public KEM key.</param>
    public static byte[] Seal(LearnedState state, WearerId wearer, PatchId fromPatch, long sequence, DateTimeOffset takenAt, HybridSigningKey signer, HybridKemPublicKey recipient)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(signer);
        ArgumentNullException.ThrowIfNull(recipient);
        ArgumentOutOfRangeException.ThrowIfLessThan(sequence, 1);
        var w = new StateWriter();
        w.Bytes(Magic);
        w.U16(Version);
        w.Text(wearer.Value);
        w.Text(fromPatch.Value);
        w.Bytes(Convert.FromHexString(recipient.KeyId));
        w.I64(sequence);
        w.Time(takenAt);
        var kem = recipient.Encapsulate();
        w.U16(kem.Ciphertext.Length);
        w.Bytes(kem.Ciphertext);
        var nonce = RandomNumberGenerator.GetBytes(NonceBytes);
        w.Bytes(nonce);
        var plaintext = LearnedStatePayload.Write(state);
        var ciphertext = new byte[plaintext.Length];
        var tag = new byte[TagBytes];
        using (var aes = new AesGcm(kem.SharedKey, TagBytes))
        {
            aes.Encrypt(nonce, plaintext, ciphertext, tag, w.Written);
        }
        CryptographicOperations.ZeroMemory(kem.SharedKey);
        CryptographicOperations.ZeroMemory(plaintext);
        w.U32(ciphertext.Length);
        w.Bytes(ciphertext);
        w.Bytes(tag);
        var signature = signer.Sign(Signed(w.Written));
        w.U16(signature.Length);
        w.Bytes(signature);
        return w.ToArray();
    }

    /// <summary>Reads the clear header without checking the signature (to index or route a blob).</summary>
    /// <exception cref="LearnedStateRefusedException">Malformed, truncated, oversized or of an unknown version.</exception>
    public static LearnedStateEnvelope ReadEnvelope(ReadOnlySpan<byte> blob) => Parse(blob).Envelope;

    /// <summary>
    /// What a kiosk checks before it loads a blob onto a new patch: the blob is well formed, made by
    /// <paramref name="fromPatch"/>, signed with its registered key and for <paramref name="wearer"/>.
    /// </summary>
    /// <exception cref="LearnedStateRefusedException">The reason and byte offset.</exception>
    public static LearnedStateEnvelope Verify(ReadOnlySpan<byte> blob, WearerId wearer, PatchId fromPatch, HybridVerificationKey fromKey)
    {
        ArgumentNullException.ThrowIfNull(fromKey);
        var parsed = Parse(blob);
        var e = parsed.Envelope;
        if (e.FromPatch != fromPatch)
        {
            throw new LearnedStateRefusedException(LearnedStateRefusal.ForeignPatch, parsed.FromAt, $"it comes from patch {e.FromPatch.Value}, not from the wearer's patch {fromPatch.Value}");
        }
        if (!fromKey.Verify(Signed(blob[..parsed.SignatureAt]), blob[(parsed.SignatureAt + 2)..]))
        {
            throw new LearnedStateRefusedException(LearnedStateRefusal.Tampered, parsed.SignatureAt, $"its signature does not verify under patch {fromPatch.Value}'s registered key (the blob was changed or made by another device)");
        }
        if (e.Wearer != wearer)
        {
            throw new LearnedStateRefusedException(LearnedStateRefusal.ForeignWearer, parsed.WearerAt, $"it belongs to another wearer than {wearer.Value}");
        }
        return e;
    }

    /// <summary>
    /// Verifies (<see cref="Verify"/>) and opens a blob on the new patch: it must be encrypted for
    /// <paramref name="recipient"/> and newer than <paramref name="haveSequence"/>.
    /// </summary>
    /// <exception cref="LearnedStateRefusedException">The reason and byte offset.</exception>
    public static (LearnedStateEnvelope Envelope, LearnedState State) Open(
        ReadOnlySpan<byte> blob, WearerId wearer, PatchId fromPatch, HybridVerificationKey fromKey, HybridKemPrivateKey recipient, long haveSequence)
    {
        ArgumentNullException.ThrowIfNull(recipient);
        var e = Verify(blob, wearer, fromPatch, fromKey);
        var parsed = Parse(blob);
        if (!string.Equals(e.RecipientKeyId, recipient.PublicKey.KeyId, StringComparison.Ordinal))
        {
            throw new LearnedStateRefusedException(LearnedStateRefusal.NotForThisPatch, parsed.RecipientAt, $"it is encrypted for key {e.RecipientKeyId[..16]}…, not this patch's {recipient.PublicKey.KeyId[..16]}…");
        }
        if (e.Sequence <= haveSequence)
        {
            throw new LearnedStateRefusedException(LearnedStateRefusal.Stale, parsed.SequenceAt, $"its sequence {e.Sequence} is not newer than the {haveSequence} this patch already has");
        }
        var key = recipient.Decapsulate(blob.Slice(parsed.KemAt, HybridAlgorithms.KemCiphertextBytes));
        var plaintext = new byte[parsed.CiphertextLength];
        try
        {
            using var aes = new AesGcm(key, TagBytes);
            aes.Decrypt(blob.Slice(parsed.NonceAt, NonceBytes), blob.Slice(parsed.CiphertextAt, parsed.CiphertextLength),
                blob.Slice(parsed.CiphertextAt + parsed.CiphertextLength, TagBytes), plaintext, blob[..(parsed.CiphertextAt - 4)]);
        }
        catch (AuthenticationTagMismatchException)
        {
            throw new LearnedStateRefusedException(LearnedStateRefusal.Tampered, parsed.CiphertextAt, "the encrypted state does not authenticate");
        }
        finally
        {
            CryptographicOperations.ZeroMemory(key);
        }
        try
        {
            return (e, LearnedStatePayload.Read(plaintext, parsed.CiphertextAt));
        }
        finally
        {
            CryptographicOperations.ZeroMemory(plaintext);
        }
    }

    private static byte[] Signed(ReadOnlySpan<byte> body)
    {
        var message = new byte[SignatureContext.Length + body.Length];
        SignatureContext.CopyTo(message, 0);
        body.CopyTo(message.AsSpan(SignatureContext.Length));
        return message;
    }

    private static Layout Parse(ReadOnlySpan<byte> blob)
    {
        if (blob.Length > MaxBlobBytes)
        {
            throw new LearnedStateRefusedException(LearnedStateRefusal.Malformed, 0, $"the blob is {blob.Length} bytes, more than the {MaxBlobBytes} allowed");
        }
        var r = new StateReader(blob, 0);
        if (!r.Take(Magic.Length, "magic").SequenceEqual(Magic))
        {
            throw new LearnedStateRefusedException(LearnedStateRefusal.Malformed, 0, "it does not start with the learned-state magic 'CARELS1'");
        }
        var versionAt = r.Offset;
        int version = r.U16("version");
        if (version != Version)
        {
            throw new LearnedStateRefusedException(LearnedStateRefusal.UnknownVersion, versionAt, $"format version {version} is unknown (this patch reads version {Version})");
        }
        var wearerAt = (int)r.Offset;
        var wearerText = r.Text("wearer", MaxIdBytes);
        if (!WearerId.TryParse(wearerText, out var wearer))
        {
            throw new LearnedStateRefusedException(LearnedStateRefusal.Malformed, wearerAt, "the wearer is not a wearer id");
        }
        var fromAt = (int)r.Offset;
        var fromText = r.Text("from-patch", MaxIdBytes);
        if (!PatchId.TryParse(fromText, out var from))
        {
            throw new LearnedStateRefusedException(LearnedStateRefusal.Malformed, fromAt, "the from-patch is not a patch id");
        }
        var recipientAt = (int)r.Offset;
        var recipient = Convert.ToHexStringLower(r.Take(KeyIdBytes, "recipient key id"));
        var sequenceAt = (int)r.Offset;
        var sequence = r.I64("sequence");
        if (sequence < 1)
        {
            throw new LearnedStateRefusedException(LearnedStateRefusal.Malformed, sequenceAt, $"sequence {sequence} is not positive");
        }
        var takenAt = r.Time("taken-at");
        var kemLengthAt = r.Offset;
        int kemLength = r.U16("KEM ciphertext length");
        if (kemLength != HybridAlgorithms.KemCiphertextBytes)
        {
            throw new LearnedStateRefusedException(LearnedStateRefusal.Malformed, kemLengthAt, $"KEM ciphertext is {kemLength} bytes, not {HybridAlgorithms.KemCiphertextBytes}");
        }
        var kemAt = r.Position;
        r.Take(kemLength, "KEM ciphertext");
        var nonceAt = r.Position;
        r.Take(NonceBytes, "nonce");
        var lengthAt = r.Offset;
        var length = r.U32("ciphertext length");
        if (length > MaxBlobBytes)
        {
            throw new LearnedStateRefusedException(LearnedStateRefusal.Malformed, lengthAt, $"ciphertext claims {length} bytes, more than the blob may hold");
        }
        var ciphertextAt = r.Position;
        r.Take((int)length, "ciphertext");
        r.Take(TagBytes, "authentication tag");
        var signatureAt = r.Position;
        var signatureLengthAt = r.Offset;
        int signatureLength = r.U16("signature length");
        if (signatureLength != HybridAlgorithms.SignatureBytes)
        {
            throw new LearnedStateRefusedException(LearnedStateRefusal.Malformed, signatureLengthAt, $"signature is {signatureLength} bytes, not {HybridAlgorithms.SignatureBytes}");
        }
        r.Take(signatureLength, "signature");
        r.End("the blob");
        return new Layout(
            new LearnedStateEnvelope(version, wearer, from, recipient, sequence, takenAt),
            wearerAt, fromAt, recipientAt, sequenceAt, kemAt, nonceAt, ciphertextAt, (int)length, signatureAt);
    }

    private readonly record struct Layout(
        LearnedStateEnvelope Envelope, int WearerAt, int FromAt, int RecipientAt, int SequenceAt,
        int KemAt, int NonceAt, int CiphertextAt, int CiphertextLength, int SignatureAt);
}
