using Care.Trust.Ledger;

namespace Care.Trust.Tests.Ledger;

public sealed class MerkleReferenceTreeTests
{
    private static MerkleTree ReferenceTree()
    {
        var tree = new MerkleTree();
        foreach (var leaf in TransparencyData.ReferenceLeaves())
        {
            tree.Append(MerkleHash.Leaf(leaf));
        }
        return tree;
    }

    [Fact]
    public void Hasher_reproduces_the_four_reference_vectors()
    {
        var vectors = TransparencyData.Load("rfc6962_reference_tree_8.json").GetProperty("hasher_vectors").EnumerateArray().ToList();
        Assert.Equal(4, vectors.Count);
        Assert.Equal(vectors[0].Hex("want"), MerkleHash.EmptyRoot());
        Assert.Equal(vectors[1].Hex("want"), MerkleHash.Leaf(vectors[1].Hex("leaf_hex")));
        Assert.Equal(vectors[2].Hex("want"), MerkleHash.Leaf(vectors[2].Hex("leaf_hex")));
        Assert.Equal(vectors[3].Hex("want"), MerkleHash.Node(vectors[3].Hex("left_hex"), vectors[3].Hex("right_hex")));
    }

    [Fact]
    public void Tree_reproduces_every_leaf_hash_node_hash_and_root_of_the_reference_tree()
    {
        var reference = TransparencyData.Load("rfc6962_reference_tree_8.json");
        var tree = ReferenceTree();
        var leafHashes = reference.HexList("leaf_hashes");
        for (var i = 0; i < 8; i++)
        {
            Assert.Equal(leafHashes[i], tree.LeafHash(i));
        }
        var levels = reference.GetProperty("node_hashes_by_level").EnumerateArray().ToList();
        for (var level = 0; level < levels.Count; level++)
        {
            var nodes = levels[level].EnumerateArray().ToList();
            for (var i = 0; i < nodes.Count; i++)
            {
                var width = 1L << level;
                Assert.Equal(Convert.FromHexString(nodes[i].GetString()!), SubtreeRoot(i * width, width));
            }
        }
        foreach (var root in reference.GetProperty("roots_by_tree_size").EnumerateObject())
        {
            Assert.Equal(Convert.FromHexString(root.Value.GetString()!), tree.Root(long.Parse(root.Name, System.Globalization.CultureInfo.InvariantCulture)));
        }
    }

    private static byte[] SubtreeRoot(long start, long width)
    {
        var tree = new MerkleTree();
        foreach (var leaf in TransparencyData.ReferenceLeaves().Skip((int)start).Take((int)width))
        {
            tree.Append(MerkleHash.Leaf(leaf));
        }
        return tree.Root(width);
    }

    [Theory]
    [InlineData("rfc6962_reference_tree_8.json", 5)]
    [InlineData("rfc9162_tree_8_all_proofs_derived.json", 36)]
    public void Tree_generates_every_reference_inclusion_proof_and_each_verifies(string file, int expectedCount)
    {
        var tree = ReferenceTree();
        var proofs = TransparencyData.Load(file).GetProperty("inclusion_proofs").EnumerateArray().ToList();
        Assert.Equal(expectedCount, proofs.Count);
        foreach (var p in proofs)
        {
            var index = p.GetProperty("leaf_index").GetInt64();
            var size = p.GetProperty("tree_size").GetInt64();
            var expected = p.HexList("proof");
            Assert.Equal(expected, tree.InclusionProof(index, size));
            var check = MerkleVerifier.VerifyInclusion((ulong)index, (ulong)size, p.Hex("leaf_hash"), expected, tree.Root(size));
            Assert.True(check.IsValid, check.Failure);
        }
    }

    [Theory]
    [InlineData("rfc6962_reference_tree_8.json", 5)]
    [InlineData("rfc9162_tree_8_all_proofs_derived.json", 36)]
    public void Tree_generates_every_reference_consistency_proof_and_each_verifies(string file, int expectedCount)
    {
        var tree = ReferenceTree();
        var proofs = TransparencyData.Load(file).GetProperty("consistency_proofs").EnumerateArray().ToList();
        Assert.Equal(expectedCount, proofs.Count);
        foreach (var p in proofs)
        {
            var size1 = p.GetProperty("size1").GetInt64();
            var size2 = p.GetProperty("size2").GetInt64();
            var expected = p.HexList("proof");
            Assert.Equal(expected, tree.ConsistencyProof(size1, size2));
            var check = MerkleVerifier.VerifyConsistency((ulong)size1, (ulong)size2, tree.Root(size1), tree.Root(size2), expected);
            Assert.True(check.IsValid, check.Failure);
        }
    }
}
