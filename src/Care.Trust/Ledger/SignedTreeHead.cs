using System.Buffers.Binary;
using System.Text;
using Care.Trust.Identity;

namespace Care.Trust.Ledger;

/// <summary>
/// A signed statement by the log: "my first <see cref="TreeSize"/> entries have root
/// <see cref="RootHash"/>, as of <see cref="Timestamp"/>", with a hybrid Ed25519 + ML-DSA-65
/// signature over <see cref="SignedBytes"/>. Immutable.
/// </summary>
/// <param name="TreeSize">Number of entries covered (≥ 0).</param>
/// <param name="RootHash">The RFC 9162 root of those entries (32 bytes).</param>
/// <param name="Timestamp">When the head was signed (millisecond precision).</param>
/// <param name="KeyId">The <see cref="HybridVerificationKey.KeyId"/> of the log key that signed it.</param>
/// <param name="Signature">The hybrid signature (<see cref="HybridAlgorithms.SignatureBytes"/> bytes).</param>
public sealed record SignedTreeHead(long TreeSize, byte[] RootHash, DateTimeOffset Timestamp, string KeyId, byte[] Signature)
{
    private static readonly byte[] Domain = Encoding.ASCII.GetBytes("care.ledger.sth.v1\0");

    /// <summary>Signs a head for <paramref name="treeSize"/> and <paramref name="rootHash"/> at <paramref name="timestamp"/>.</summary>
    public static SignedTreeHead Sign(HybridSigningKey key, long treeSize, byte[] rootHash, DateTimeOffset timestamp)
    {
        ArgumentNullException.ThrowIfNull(key);
        var at = DateTimeOffset.FromUnixTimeMilliseconds(timestamp.ToUnixTimeMilliseconds());
        var signature = key.Sign(SignedBytes(treeSize, rootHash, at));
        return new SignedTreeHead(treeSize, rootHash, at, key.PublicKey.KeyId, signature);
    }

    /// <summary>
    /// The bytes signed: domain string, size (u64 big-endian), root (32 bytes), Unix time in
    /// milliseconds (i64 big-endian). Throws <see cref="ArgumentException"/> for a root that is not 32 bytes.
    /// </summary>
    public static byte[] SignedBytes(long treeSize, ReadOnlySpan<byte> rootHash, DateTimeOffset timestamp)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(treeSize);
        if (rootHash.Length != MerkleHash.Size)
        {
            throw new ArgumentException($"a root hash is {MerkleHash.Size} bytes, got {rootHash.Length}", nameof(rootHash));
        }
        var bytes = new byte[Domain.Length + 8 + MerkleHash.Size + 8];
        Domain.CopyTo(bytes, 0);
        BinaryPrimitives.WriteUInt64BigEndian(bytes.AsSpan(Domain.Length), (ulong)treeSize);
        rootHash.CopyTo(bytes.AsSpan(Domain.Length + 8));
        BinaryPrimitives.WriteInt64BigEndian(bytes.AsSpan(Domain.Length + 8 + MerkleHash.Size), timestamp.ToUnixTimeMilliseconds());
        return bytes;
    }

    /// <summary>True when <paramref name="key"/> is the key named by <see cref="KeyId"/> and the signature verifies.</summary>
    public bool Verify(HybridVerificationKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return key.KeyId == KeyId && TreeSize >= 0 && RootHash.Length == MerkleHash.Size && key.Verify(SignedBytes(TreeSize, RootHash, Timestamp), Signature);
    }
}
