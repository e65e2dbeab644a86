using System.Buffers;
using System.Security.Cryptography;

namespace Care.Trust.Ledger;

/// <summary>
/// The RFC 6962 §2.1 / RFC 9162 §2.1 hashing of a Merkle tree with SHA-256:
/// leaf = SHA-256(0x00 || data), node = SHA-256(0x01 || left || right), empty tree = SHA-256("").
/// Stateless and thread safe.
/// </summary>
public static class MerkleHash
{
    /// <summary>Size of every hash in bytes.</summary>
    public const int Size = 32;

    /// <summary>The root of the empty tree, SHA-256 of the empty string.</summary>
    public static byte[] EmptyRoot() => SHA256.HashData([]);

    /// <summary>The leaf hash of <paramref name="data"/> (any length, including empty).</summary>
    public static byte[] Leaf(ReadOnlySpan<byte> data)
    {
        var hash = new byte[Size];
        Leaf(data, hash);
        return hash;
    }

    /// <summary>Writes the leaf hash of <paramref name="data"/> into <paramref name="destination"/> (32 bytes).</summary>
    public static void Leaf(ReadOnlySpan<byte> data, Span<byte> destination)
    {
        // One-shot hashing of 0x00 || data: far cheaper than an incremental hash object per leaf.
        var length = data.Length + 1;
        byte[]? rented = null;
        var buffer = length <= 1024 ? stackalloc byte[length] : (rented = ArrayPool<byte>.Shared.Rent(length)).AsSpan(0, length);
        try
        {
            buffer[0] = 0x00;
            data.CopyTo(buffer[1..]);
            SHA256.HashData(buffer, destination);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    /// <summary>The interior node hash of two children (normally 32 bytes each; any length is hashed as given).</summary>
    public static byte[] Node(ReadOnlySpan<byte> left, ReadOnlySpan<byte> right)
    {
        var hash = new byte[Size];
        Node(left, right, hash);
        return hash;
    }

    /// <summary>Writes the node hash of <paramref name="left"/> and <paramref name="right"/> into <paramref name="destination"/>.</summary>
    public static void Node(ReadOnlySpan<byte> left, ReadOnlySpan<byte> right, Span<byte> destination)
    {
        if (left.Length == Size && right.Length == Size)
        {
            Span<byte> buffer = stackalloc byte[1 + (2 * Size)];
            buffer[0] = 0x01;
            left.CopyTo(buffer[1..]);
            right.CopyTo(buffer[(1 + Size)..]);
            SHA256.HashData(buffer, destination);
            return;
        }
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData([0x01]);
        hash.AppendData(left);
        hash.AppendData(right);
        hash.GetHashAndReset(destination);
    }
}
