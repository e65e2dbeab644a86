using System.Numerics;

namespace Care.Trust.Ledger;

/// <summary>
/// Offline checks of RFC 9162 inclusion (§2.1.3.2) and consistency (§2.1.4.2) proofs, strict in the
/// way of the transparency.dev verifier: hashes must be 32 bytes, proof length must equal the length
/// implied by the sizes, a consistency proof from size 0 is rejected. Stateless and thread safe.
/// </summary>
public static partial class MerkleVerifier
{
    /// <summary>Checks that <paramref name="leafHash"/> is leaf <paramref name="index"/> of the tree of <paramref name="treeSize"/> leaves with <paramref name="root"/>.</summary>
    public static ProofCheck VerifyInclusion(ulong index, ulong treeSize, ReadOnlySpan<byte> leafHash, IReadOnlyList<byte[]> proof, ReadOnlySpan<byte> root)
    {
        ArgumentNullException.ThrowIfNull(proof);
        if (treeSize == 0 || index >= treeSize)
        {
            return ProofCheck.Invalid($"leaf index {index} is not inside a tree of size {treeSize}");
        }
        if (leafHash.Length != MerkleHash.Size)
        {
            return ProofCheck.Invalid($"leaf hash is {leafHash.Length} bytes, not {MerkleHash.Size}");
        }
        var expected = InclusionProofLength(index, treeSize);
        if (proof.Count != expected)
        {
            return ProofCheck.Invalid($"inclusion proof has {proof.Count} hashes, {expected} expected for leaf {index} of {treeSize}");
        }
        if (BadElement(proof) is { } bad)
        {
            return ProofCheck.Invalid($"proof hash {bad} is not {MerkleHash.Size} bytes");
        }
        var fn = index;
        var sn = treeSize - 1;
        var r = leafHash.ToArray();
        foreach (var p in proof)
        {
            if (sn == 0)
            {
                return ProofCheck.Invalid("inclusion proof is longer than the path to the root");
            }
            if ((fn & 1) == 1 || fn == sn)
            {
                r = MerkleHash.Node(p, r);
                if ((fn & 1) == 0)
                {
                    while ((fn & 1) == 0 && fn != 0)
                    {
                        fn >>= 1;
                        sn >>= 1;
                    }
                }
            }
            else
            {
                r = MerkleHash.Node(r, p);
            }
            fn >>= 1;
            sn >>= 1;
        }
        if (sn != 0)
        {
            return ProofCheck.Invalid("inclusion proof is shorter than the path to the root");
        }
        return r.AsSpan().SequenceEqual(root) ? ProofCheck.Valid : ProofCheck.Invalid("computed root does not match the given root");
    }

    /// <summary>Checks that the tree of <paramref name="size1"/> leaves (root1) is a prefix of the tree of <paramref name="size2"/> leaves (root2).</summary>
    public static ProofCheck VerifyConsistency(ulong size1, ulong size2, ReadOnlySpan<byte> root1, ReadOnlySpan<byte> root2, IReadOnlyList<byte[]> proof)
    {
        ArgumentNullException.ThrowIfNull(proof);
        if (size1 == 0)
        {
            return ProofCheck.Invalid($"first tree size {size1} must be at least 1");
        }
        if (size2 < size1)
        {
            return ProofCheck.Invalid($"second tree size {size2} is smaller than the first {size1}");
        }
        if (size1 == size2)
        {
            if (proof.Count != 0)
            {
                return ProofCheck.Invalid("equal sizes need an empty proof");
            }
            return root1.SequenceEqual(root2) ? ProofCheck.Valid : ProofCheck.Invalid("equal sizes but the roots differ");
        }
        var expected = ConsistencyProofLength(size1, size2);
        if (proof.Count != expected)
        {
            return ProofCheck.Invalid($"consistency proof has {proof.Count} hashes, {expected} expected for {size1} → {size2}");
        }
        if (BadElement(proof) is { } bad)
        {
            return ProofCheck.Invalid($"proof hash {bad} is not {MerkleHash.Size} bytes");
        }
        var path = new List<byte[]>(proof);
        if (ulong.IsPow2(size1))
        {
            path.Insert(0, root1.ToArray());
        }
        var fn = size1 - 1;
        var sn = size2 - 1;
        while ((fn & 1) == 1)
        {
            fn >>= 1;
            sn >>= 1;
        }
        var fr = path[0];
        var sr = path[0];
        foreach (var c in path.Skip(1))
        {
            if (sn == 0)
            {
                return ProofCheck.Invalid("consistency proof is longer than the path to the root");
            }
            if ((fn & 1) == 1 || fn == sn)
            {
                fr = MerkleHash.Node(c, fr);
                sr = MerkleHash.Node(c, sr);
                while ((fn & 1) == 0 && fn != 0)
                {
                    fn >>= 1;
                    sn >>= 1;
                }
            }
            else
            {
                sr = MerkleHash.Node(sr, c);
            }
            fn >>= 1;
            sn >>= 1;
        }
        if (sn != 0)
        {
            return ProofCheck.Invalid("consistency proof is shorter than the path to the root");
        }
        if (!fr.AsSpan().SequenceEqual(root1))
        {
            return ProofCheck.Invalid("computed first root does not match root1");
        }
        return sr.AsSpan().SequenceEqual(root2) ? ProofCheck.Valid : ProofCheck.Invalid("computed second root does not match root2");
    }

    /// <summary>Number of hashes in the inclusion proof of leaf <paramref name="index"/> in a tree of <paramref name="size"/> leaves.</summary>
    public static int InclusionProofLength(ulong index, ulong size)
    {
        var inner = 64 - BitOperations.LeadingZeroCount(index ^ (size - 1));
        var border = BitOperations.PopCount(index >> inner);
        return inner + border;
    }

    /// <summary>Number of hashes in the consistency proof from <paramref name="size1"/> to <paramref name="size2"/> leaves (1 ≤ size1 &lt; size2).</summary>
    public static int ConsistencyProofLength(ulong size1, ulong size2)
    {
        var shift = BitOperations.TrailingZeroCount(size1);
        var length = InclusionProofLength(size1 - 1, size2) - shift;
        return ulong.IsPow2(size1) ? length : length + 1;
    }

    private static int? BadElement(IReadOnlyList<byte[]> proof)
    {
        for (var i = 0; i < proof.Count; i++)
        {
            if (proof[i] is null || proof[i].Length != MerkleHash.Size)
            {
                return i;
            }
        }
        return null;
    }
}
