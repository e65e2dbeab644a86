using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Care.Trust.Identity;

namespace Care.Trust.Ledger;

/// <summary>
/// The log's signed promise for a pending entry (Certificate Transparency's SCT, RFC 9162 §4.8, made
/// concrete for Care): "the entry whose promised form hashes to <see cref="EntrySha256"/> was
/// accepted at <see cref="Timestamp"/> and will be in the log, under a signed tree head, within
/// <see cref="MaximumMergeDelay"/>". Hermes gives it when an act commits with its entry still in the
/// outbox; <see cref="Check"/> tells whether a log honoured it. Immutable.
/// </summary>
/// <param name="EntrySha256">SHA-256 of the entry's promised form (<see cref="Entries.LedgerEntry.ToPromisedJson"/>), 32 bytes.</param>
/// <param name="Timestamp">When the act committed (millisecond precision).</param>
/// <param name="MaximumMergeDelay">The longest the entry may stay outside a signed head after <paramref name="Timestamp"/> (1 ms to 1 day).</param>
/// <param name="KeyId">The <see cref="HybridVerificationKey.KeyId"/> of the log key that signed it.</param>
/// <param name="Signature">The hybrid signature over <see cref="SignedBytes"/>.</param>
public sealed record SignedPromise(byte[] EntrySha256, DateTimeOffset Timestamp, TimeSpan MaximumMergeDelay, string KeyId, byte[] Signature)
{
    private static readonly byte[] Domain = Encoding.ASCII.GetBytes("care.ledger.promise.v1\0");

    /// <summary>The latest time at which a signed head must include the entry.</summary>
    public DateTimeOffset Deadline => Timestamp + MaximumMergeDelay;

    /// <summary>Signs a promise for the entry whose promised form is <paramref name="promised"/>, accepted at <paramref name="timestamp"/>.</summary>
    public static SignedPromise Sign(HybridSigningKey key, ReadOnlySpan<byte> promised, DateTimeOffset timestamp, TimeSpan maximumMergeDelay)
    {
        ArgumentNullException.ThrowIfNull(key);
        var hash = SHA256.HashData(promised);
        var at = DateTimeOffset.FromUnixTimeMilliseconds(timestamp.ToUnixTimeMilliseconds());
        return new SignedPromise(hash, at, maximumMergeDelay, key.PublicKey.KeyId, key.Sign(SignedBytes(hash, at, maximumMergeDelay)));
    }

    /// <summary>
    /// The bytes signed: domain string, entry hash (32 bytes), Unix time in milliseconds (i64
    /// big-endian), maximum merge delay in milliseconds (i64 big-endian). Throws
    /// <see cref="ArgumentException"/> for a hash that is not 32 bytes or a delay outside 1 ms–1 day.
    /// </summary>
    public static byte[] SignedBytes(ReadOnlySpan<byte> entrySha256, DateTimeOffset timestamp, TimeSpan maximumMergeDelay)
    {
        if (entrySha256.Length != 32)
        {
            throw new ArgumentException($"an entry hash is 32 bytes, got {entrySha256.Length}", nameof(entrySha256));
        }
        if (maximumMergeDelay < TimeSpan.FromMilliseconds(1) || maximumMergeDelay > TimeSpan.FromDays(1))
        {
            throw new ArgumentOutOfRangeException(nameof(maximumMergeDelay), maximumMergeDelay, "the maximum merge delay must be from 1 ms to 1 day");
        }
        var bytes = new byte[Domain.Length + 32 + 16];
        Domain.CopyTo(bytes, 0);
        entrySha256.CopyTo(bytes.AsSpan(Domain.Length));
        BinaryPrimitives.WriteInt64BigEndian(bytes.AsSpan(Domain.Length + 32), timestamp.ToUnixTimeMilliseconds());
        BinaryPrimitives.WriteInt64BigEndian(bytes.AsSpan(Domain.Length + 40), (long)maximumMergeDelay.TotalMilliseconds);
        return bytes;
    }

    /// <summary>True when <paramref name="key"/> is the key named by <see cref="KeyId"/> and the signature verifies.</summary>
    public bool Verify(HybridVerificationKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return key.KeyId == KeyId && EntrySha256.Length == 32
            && MaximumMergeDelay >= TimeSpan.FromMilliseconds(1) && MaximumMergeDelay <= TimeSpan.FromDays(1)
            && key.Verify(SignedBytes(EntrySha256, Timestamp, MaximumMergeDelay), Signature);
    }

    /// <summary>
    /// Whether the log honoured this promise with <paramref name="record"/> under <paramref name="head"/>:
    /// the record stripped to its promised form hashes to <see cref="EntrySha256"/>, the head covers
    /// the record's index, and the head was signed by <see cref="Deadline"/>. Returns null when
    /// honoured, otherwise what failed. The caller checks the head's signature and the record's
    /// inclusion proof (<see cref="MerkleVerifier"/>) as for any entry.
    /// </summary>
    public string? Check(LedgerRecord record, SignedTreeHead head)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(head);
        if (!SHA256.HashData(PromisedForm.Strip(record.Data)).AsSpan().SequenceEqual(EntrySha256))
        {
            return $"entry {record.Index} is not the promised entry (its promised form hashes differently)";
        }
        if (record.Index >= head.TreeSize)
        {
            return $"entry {record.Index} is not covered by the head of size {head.TreeSize}";
        }
        return head.Timestamp > Deadline
            ? $"entry {record.Index} was first covered by a head signed at {head.Timestamp:O}, after the promise's deadline {Deadline:O}"
            : null;
    }
}
