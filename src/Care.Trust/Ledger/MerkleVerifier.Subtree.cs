using System.Numerics;

namespace Care.Trust.Ledger;

/// <summary>
/// Subtree proofs: an extension beyond RFC 9162 (used by Merkle Tree Certificates) about an aligned
/// subtree <c>[start, end)</c> — <c>start</c> a multiple of the smallest power of two ≥ <c>end − start</c>.
/// Care's ledger does not issue these; the verifier exists so Care can check such proofs from
/// other logs and is validated against the transparency.dev probes.
/// </summary>
public static partial class MerkleVerifier
{
    /// <summary>True when <c>[start, end)</c> is a non-empty aligned subtree.</summary>
    public static bool IsValidSubtree(ulong start, ulong end)
    {
        if (end <= start)
        {
            return false;
        }
        // Widths above 2^63 round up to 2^64, which only start 0 is a multiple of.
        var alignment = BitOperations.RoundUpToPowerOf2(end - start);
        return alignment == 0 ? start == 0 : start % alignment == 0;
    }

    /// <summary>Checks that <paramref name="leafHash"/> is leaf <paramref name="leafIndex"/> of the subtree <c>[start, end)</c> whose hash is <paramref name="subtreeRoot"/>.</summary>
    public static ProofCheck VerifySubtreeInclusion(ulong leafIndex, ulong start, ulong end, ReadOnlySpan<byte> leafHash, IReadOnlyList<byte[]> proof, ReadOnlySpan<byte> subtreeRoot)
    {
        if (!IsValidSubtree(start, end))
        {
            return ProofCheck.Invalid($"[{start}, {end}) is not a valid subtree");
        }
        if (leafIndex < start || leafIndex >= end)
        {
            return ProofCheck.Invalid($"leaf {leafIndex} is outside the subtree [{start}, {end})");
        }
        // An aligned subtree's hash is the Merkle tree hash of its leaves, so the proof is an
        // ordinary inclusion proof relative to the subtree.
        return VerifyInclusion(leafIndex - start, end - start, leafHash, proof, subtreeRoot);
    }

    /// <summary>
    /// Checks that the subtree <c>[start, end)</c> with hash <paramref name="subtreeRoot"/> is part of the
    /// tree of <paramref name="size"/> leaves with <paramref name="treeRoot"/>. An empty subtree
    /// (start = end ≤ size) is accepted only with an empty proof and the empty-tree hash, as upstream does.
    /// </summary>
    public static ProofCheck VerifySubtreeConsistency(ulong start, ulong end, ulong size, ReadOnlySpan<byte> subtreeRoot, ReadOnlySpan<byte> treeRoot, IReadOnlyList<byte[]> proof)
    {
        ArgumentNullException.ThrowIfNull(proof);
        if (start == end && end <= size)
        {
            return proof.Count == 0 && subtreeRoot.SequenceEqual(MerkleHash.EmptyRoot()) ? ProofCheck.Valid : ProofCheck.Invalid("an empty subtree needs an empty proof and the empty-tree hash");
        }
        if (!IsValidSubtree(start, end) || end > size)
        {
            return ProofCheck.Invalid($"[{start}, {end}) is not a valid subtree of a tree of size {size}");
        }
        if (BadElement(proof) is { } bad)
        {
            return ProofCheck.Invalid($"proof hash {bad} is not {MerkleHash.Size} bytes");
        }
        // The last perfect node of the subtree (the largest aligned power of two ending at end).
        var level = BitOperations.TrailingZeroCount(end - start);
        var index = (end - 1) >> level;
        var nodeStart = index << level;
        var rest = proof;
        byte[] seed;
        if (nodeStart == start)
        {
            seed = subtreeRoot.ToArray();
        }
        else
        {
            if (proof.Count == 0)
            {
                return ProofCheck.Invalid("proof is empty but the subtree is not a single node");
            }
            seed = proof[0];
            rest = [.. proof.Skip(1)];
        }
        var path = PathOf(level, index, size);
        if (path.Count != rest.Count)
        {
            return ProofCheck.Invalid($"subtree consistency proof has {proof.Count} hashes, {path.Count + (nodeStart == start ? 0 : 1)} expected");
        }
        var treeHash = seed;
        var subtreeHash = seed;
        var covered = nodeStart;
        for (var i = 0; i < path.Count; i++)
        {
            if (path[i].IsLeft)
            {
                treeHash = MerkleHash.Node(rest[i], treeHash);
                if (path[i].Start >= start)
                {
                    subtreeHash = MerkleHash.Node(rest[i], subtreeHash);
                    covered = path[i].Start;
                }
            }
            else
            {
                treeHash = MerkleHash.Node(treeHash, rest[i]);
            }
        }
        if (covered != start)
        {
            return ProofCheck.Invalid("proof does not cover the start of the subtree");
        }
        if (!subtreeHash.AsSpan().SequenceEqual(subtreeRoot))
        {
            return ProofCheck.Invalid("computed subtree hash does not match the subtree root");
        }
        return treeHash.AsSpan().SequenceEqual(treeRoot) ? ProofCheck.Valid : ProofCheck.Invalid("computed tree root does not match the tree root");
    }

    /// <summary>
    /// The siblings on the inclusion path of node (level, index) in a tree of <paramref name="size"/>
    /// leaves, nearest first: inner siblings, then the ephemeral right node if any, then the left
    /// perfect nodes covering everything before the fork node, right to left.
    /// </summary>
    private static List<PathElement> PathOf(int level, ulong index, ulong size)
    {
        var inner = 64 - BitOperations.LeadingZeroCount(index ^ (size >> level)) - 1;
        var path = new List<PathElement>();
        for (var i = 0; i < inner; i++)
        {
            var sibling = (index >> i) ^ 1;
            var siblingLevel = level + i;
            path.Add(new PathElement(((index >> i) & 1) == 1, sibling << siblingLevel));
        }
        var forkLevel = level + inner;
        var forkStart = (index >> inner) << forkLevel;
        var forkEnd = forkStart + (1UL << forkLevel);
        if (forkEnd < size)
        {
            path.Add(new PathElement(false, forkEnd));
        }
        // Perfect nodes covering [0, forkStart), emitted right to left: one per set bit of forkStart.
        var remaining = forkStart;
        while (remaining != 0)
        {
            var lowest = remaining & (~remaining + 1);
            remaining -= lowest;
            path.Add(new PathElement(true, remaining));
        }
        return path;
    }

    private readonly record struct PathElement(bool IsLeft, ulong Start);
}
