using System.Security.Cryptography;
using Care.Trust.Ledger;

namespace Care.Trust.Tests.Ledger;

public sealed class MerkleTreePropertyTests
{
    private const int MaxSize = 70;

    private static readonly byte[][] Leaves = [.. Enumerable.Range(0, MaxSize).Select(i => MerkleHash.Leaf(BitConverter.GetBytes(i * 7919)))];

    // RFC 9162 §2.1.1 MTH, written directly from the definition as an independent reference.
    private static byte[] ReferenceRoot(ReadOnlySpan<byte[]> leaves)
    {
        if (leaves.Length == 0)
        {
            return SHA256.HashData([]);
        }
        if (leaves.Length == 1)
        {
            return leaves[0];
        }
        var k = 1;
        while (k * 2 < leaves.Length)
        {
            k *= 2;
        }
        return MerkleHash.Node(ReferenceRoot(leaves[..k]), ReferenceRoot(leaves[k..]));
    }

    private static MerkleTree Tree()
    {
        var tree = new MerkleTree();
        foreach (var leaf in Leaves)
        {
            tree.Append(leaf);
        }
        return tree;
    }

    [Fact]
    public void Root_of_every_size_up_to_70_equals_the_rfc_definition()
    {
        var tree = Tree();
        for (var size = 0; size <= MaxSize; size++)
        {
            Assert.Equal(ReferenceRoot(Leaves.AsSpan(0, size)), tree.Root(size));
        }
    }

    [Fact]
    public void Every_inclusion_proof_up_to_size_70_verifies_and_fails_for_the_neighbouring_leaf()
    {
        var tree = Tree();
        for (long size = 1; size <= MaxSize; size++)
        {
            var root = tree.Root(size);
            for (long index = 0; index < size; index++)
            {
                var proof = tree.InclusionProof(index, size);
                Assert.True(MerkleVerifier.VerifyInclusion((ulong)index, (ulong)size, Leaves[index], proof, root).IsValid, $"{index}@{size}");
                if (size > 1)
                {
                    var other = (index + 1) % size;
                    Assert.False(MerkleVerifier.VerifyInclusion((ulong)index, (ulong)size, Leaves[other], proof, root).IsValid);
                }
            }
        }
    }

    [Fact]
    public void Every_consistency_proof_up_to_size_70_verifies_and_fails_against_a_forked_history()
    {
        var tree = Tree();
        var forked = new MerkleTree();
        for (var i = 0; i < MaxSize; i++)
        {
            forked.Append(i == 3 ? MerkleHash.Leaf("fork"u8) : Leaves[i]);
        }
        for (long size2 = 1; size2 <= MaxSize; size2++)
        {
            for (long size1 = 1; size1 <= size2; size1++)
            {
                var proof = tree.ConsistencyProof(size1, size2);
                Assert.True(MerkleVerifier.VerifyConsistency((ulong)size1, (ulong)size2, tree.Root(size1), tree.Root(size2), proof).IsValid, $"{size1}->{size2}");
                if (size1 > 3 && size1 < size2)
                {
                    Assert.False(MerkleVerifier.VerifyConsistency((ulong)size1, (ulong)size2, forked.Root(size1), tree.Root(size2), proof).IsValid);
                }
            }
        }
    }

    [Fact]
    public void Leaf_hash_of_the_wrong_length_is_refused()
    {
        Assert.Throws<ArgumentException>(() => new MerkleTree().Append(new byte[31]));
    }
}
