using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Care.Trust.Identity;
using Care.Trust.Ledger;
using Care.Trust.Ledger.Entries;

namespace Care.Lab.Ledger;

/// <summary>
/// The lab's append-only log of acts, in memory: each entry's canonical bytes (committing to the
/// root before it) as an RFC 9162 Merkle leaf, and an export signed with the ledger's hybrid key that
/// <see cref="LabLedgerVerifier"/> checks offline with only the public key. Thread safe (one lock).
/// </summary>
public sealed class InMemoryLabLedger
{
    private static readonly byte[] HeadDomain = Encoding.ASCII.GetBytes("care.lab.ledger-head.v1\0");
    private readonly List<byte[]> _canonical = [];
    private readonly List<LedgerEntry> _entries = [];
    private readonly MerkleTree _tree = new();
    private readonly Lock _lock = new();

    /// <summary>Entries so far, in order.</summary>
    public IReadOnlyList<LedgerEntry> Entries
    {
        get
        {
            lock (_lock)
            {
                return [.. _entries];
            }
        }
    }

    /// <summary>Appends <paramref name="entry"/>; returns its index.</summary>
    public long Append(LedgerEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        lock (_lock)
        {
            var index = _tree.Size;
            var bytes = index == 0 ? entry.ToCanonicalJson(0) : entry.ToCanonicalJson(index, _tree.Root(index));
            _tree.Append(MerkleHash.Leaf(bytes));
            _canonical.Add(bytes);
            _entries.Add(entry);
            return index;
        }
    }

    /// <summary>
    /// The whole log as JSON: <c>entries</c> (base64 canonical bytes), <c>size</c>, <c>root</c> (hex)
    /// and <c>signature</c> (base64 hybrid signature by <paramref name="key"/> over the head).
    /// </summary>
    public string Export(HybridSigningKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        lock (_lock)
        {
            var size = _tree.Size;
            var root = size == 0 ? MerkleHash.EmptyRoot() : _tree.Root(size);
            return JsonSerializer.Serialize(new
            {
                entries = _canonical.Select(Convert.ToBase64String).ToArray(),
                size,
                root = Convert.ToHexStringLower(root),
                signature = Convert.ToBase64String(key.Sign(HeadBytes(size, root))),
            });
        }
    }

    /// <summary>The bytes a ledger head signature covers.</summary>
    internal static byte[] HeadBytes(long size, ReadOnlySpan<byte> root)
    {
        var bytes = new byte[HeadDomain.Length + 8 + root.Length];
        HeadDomain.CopyTo(bytes, 0);
        BitConverter.TryWriteBytes(bytes.AsSpan(HeadDomain.Length), size);
        root.CopyTo(bytes.AsSpan(HeadDomain.Length + 8));
        return bytes;
    }

    /// <summary>SHA-256 of <paramref name="data"/> as 64 lower-case hex characters.</summary>
    public static string Sha256(ReadOnlySpan<byte> data) => Convert.ToHexStringLower(SHA256.HashData(data));
}
