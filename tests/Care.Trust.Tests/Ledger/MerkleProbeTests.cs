using Care.Trust.Ledger;

namespace Care.Trust.Tests.Ledger;

public sealed class MerkleProbeTests
{
    [Fact]
    public void Inclusion_verifier_gives_the_expected_answer_for_all_98_probes()
    {
        var probes = TransparencyData.Load("probes_inclusion.json").EnumerateArray().ToList();
        Assert.Equal(98, probes.Count);
        var wrong = new List<string>();
        var accepted = 0;
        foreach (var p in probes)
        {
            var check = MerkleVerifier.VerifyInclusion(p.GetProperty("leafIdx").GetUInt64(), p.GetProperty("treeSize").GetUInt64(), p.B64("leafHash"), p.B64List("proof"), p.B64("root"));
            accepted += check.IsValid ? 1 : 0;
            if (check.IsValid == p.GetProperty("wantErr").GetBoolean())
            {
                wrong.Add(p.GetProperty("source_file").GetString()! + ": " + check.Failure);
            }
        }
        Assert.Empty(wrong);
        Assert.Equal(6, accepted);
    }

    [Fact]
    public void Consistency_verifier_gives_the_expected_answer_for_all_98_probes()
    {
        var probes = TransparencyData.Load("probes_consistency.json").EnumerateArray().ToList();
        Assert.Equal(98, probes.Count);
        var wrong = new List<string>();
        var accepted = 0;
        foreach (var p in probes)
        {
            var check = MerkleVerifier.VerifyConsistency(p.GetProperty("size1").GetUInt64(), p.GetProperty("size2").GetUInt64(), p.B64("root1"), p.B64("root2"), p.B64List("proof"));
            accepted += check.IsValid ? 1 : 0;
            if (check.IsValid == p.GetProperty("wantErr").GetBoolean())
            {
                wrong.Add(p.GetProperty("source_file").GetString()! + ": " + check.Failure);
            }
        }
        Assert.Empty(wrong);
        Assert.Equal(6, accepted);
    }

    [Fact]
    public void Subtree_inclusion_verifier_gives_the_expected_answer_for_all_204_probes()
    {
        var probes = TransparencyData.Load("probes_subtreeinclusion.json").EnumerateArray().ToList();
        Assert.Equal(204, probes.Count);
        var wrong = new List<string>();
        var accepted = 0;
        foreach (var p in probes)
        {
            var check = MerkleVerifier.VerifySubtreeInclusion(p.GetProperty("leafIdx").GetUInt64(), p.GetProperty("start").GetUInt64(), p.GetProperty("end").GetUInt64(), p.B64("leafHash"), p.B64List("proof"), p.B64("root"));
            accepted += check.IsValid ? 1 : 0;
            if (check.IsValid == p.GetProperty("wantErr").GetBoolean())
            {
                wrong.Add(p.GetProperty("source_file").GetString()! + ": " + check.Failure);
            }
        }
        Assert.Empty(wrong);
        Assert.Equal(12, accepted);
    }

    [Fact]
    public void Subtree_consistency_verifier_gives_the_expected_answer_for_all_118_probes()
    {
        var probes = TransparencyData.Load("probes_subtreeconsistency.json").EnumerateArray().ToList();
        Assert.Equal(118, probes.Count);
        var wrong = new List<string>();
        var accepted = 0;
        foreach (var p in probes)
        {
            var check = MerkleVerifier.VerifySubtreeConsistency(p.GetProperty("start").GetUInt64(), p.GetProperty("end").GetUInt64(), p.GetProperty("size").GetUInt64(), p.B64("root1"), p.B64("root2"), p.B64List("proof"));
            accepted += check.IsValid ? 1 : 0;
            if (check.IsValid == p.GetProperty("wantErr").GetBoolean())
            {
                wrong.Add(p.GetProperty("source_file").GetString()! + ": " + check.Failure);
            }
        }
        Assert.Empty(wrong);
        Assert.Equal(12, accepted);
    }
}
