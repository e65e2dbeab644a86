namespace Care.Trust.Ledger;

/// <summary>
/// An in-memory append-only Merkle tree over leaf hashes (RFC 9162 §2.1). It keeps the hash of
/// every complete (perfect, aligned) subtree, level by level, so the root of any earlier size and
/// every inclusion or consistency proof costs O(log² n) hash operations at most, with no
/// recomputation of the log. Memory: about 64 bytes per leaf. Not thread safe: callers lock.
/// </summary>
public sealed class MerkleTree
{
    private readonly List<HashLevel> _levels = [new HashLevel()];

    /// <summary>Number of leaves.</summary>
    public long Size => _levels[0].Count;

    /// <summary>Appends one 32-byte leaf hash; throws <see cref="ArgumentException"/> for any other length.</summary>
    public void Append(ReadOnlySpan<byte> leafHash)
    {
        if (leafHash.Length != MerkleHash.Size)
        {
            throw new ArgumentException($"a leaf hash is {MerkleHash.Size} bytes, got {leafHash.Length}", nameof(leafHash));
        }
        _levels[0].Add(leafHash);
        Span<byte> parent = stackalloc byte[MerkleHash.Size];
        for (var level = 0; _levels[level].Count % 2 == 0; level++)
        {
            var nodes = _levels[level];
            MerkleHash.Node(nodes[nodes.Count - 2], nodes[nodes.Count - 1], parent);
            if (level + 1 == _levels.Count)
            {
                _levels.Add(new HashLevel());
            }
            _levels[level + 1].Add(parent);
        }
    }

    /// <summary>The leaf hash at <paramref name="index"/> (0-based, below <see cref="Size"/>).</summary>
    public byte[] LeafHash(long index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Size);
        return _levels[0][index].ToArray();
    }

    /// <summary>The root of the first <paramref name="size"/> leaves (0 to <see cref="Size"/>); the empty root for 0.</summary>
    public byte[] Root(long size)
    {
        CheckSize(size);
        return size == 0 ? MerkleHash.EmptyRoot() : Subtree(0, size);
    }

    /// <summary>
    /// The RFC 9162 §2.1.3.1 inclusion proof (audit path) of leaf <paramref name="index"/> in the
    /// tree of the first <paramref name="size"/> leaves, leaf side first. Requires 0 ≤ index &lt; size ≤ <see cref="Size"/>.
    /// </summary>
    public IReadOnlyList<byte[]> InclusionProof(long index, long size)
    {
        CheckSize(size);
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, size);
        var proof = new List<byte[]>();
        Path(index, 0, size, proof);
        return proof;
    }

    /// <summary>
    /// The RFC 9162 §2.1.4.1 consistency proof between the trees of <paramref name="size1"/> and
    /// <paramref name="size2"/> leaves. Requires 1 ≤ size1 ≤ size2 ≤ <see cref="Size"/>; empty when equal.
    /// </summary>
    public IReadOnlyList<byte[]> ConsistencyProof(long size1, long size2)
    {
        CheckSize(size2);
        ArgumentOutOfRangeException.ThrowIfLessThan(size1, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(size1, size2);
        var proof = new List<byte[]>();
        SubProof(size1, 0, size2, true, proof);
        return proof;
    }

    private void CheckSize(long size)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(size);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(size, Size);
    }

    // PATH(m, D[start:end]) of RFC 9162 §2.1.3.1, with m absolute.
    private void Path(long m, long start, long end, List<byte[]> proof)
    {
        if (end - start == 1)
        {
            return;
        }
        var k = LargestPowerOfTwoBelow(end - start);
        if (m < start + k)
        {
            Path(m, start, start + k, proof);
            proof.Add(Subtree(start + k, end));
        }
        else
        {
            Path(m, start + k, end, proof);
            proof.Add(Subtree(start, start + k));
        }
    }

    // SUBPROOF(m, D[start:end], b) of RFC 9162 §2.1.4.1, with m relative to start.
    private void SubProof(long m, long start, long end, bool whole, List<byte[]> proof)
    {
        var n = end - start;
        if (m == n)
        {
            if (!whole)
            {
                proof.Add(Subtree(start, end));
            }
            return;
        }
        var k = LargestPowerOfTwoBelow(n);
        if (m <= k)
        {
            SubProof(m, start, start + k, whole, proof);
            proof.Add(Subtree(start + k, end));
        }
        else
        {
            SubProof(m - k, start + k, end, false, proof);
            proof.Add(Subtree(start, start + k));
        }
    }

    // MTH(D[start:end]) for 1 ≤ end - start; perfect aligned subtrees are looked up.
    private byte[] Subtree(long start, long end)
    {
        var n = end - start;
        if (long.IsPow2(n) && start % n == 0)
        {
            var level = System.Numerics.BitOperations.Log2((ulong)n);
            return _levels[level][start / n].ToArray();
        }
        var k = LargestPowerOfTwoBelow(n);
        return MerkleHash.Node(Subtree(start, start + k), Subtree(start + k, end));
    }

    /// <summary>The largest power of two strictly less than <paramref name="n"/> (n ≥ 2).</summary>
    internal static long LargestPowerOfTwoBelow(long n) => 1L << System.Numerics.BitOperations.Log2((ulong)(n - 1));
}
