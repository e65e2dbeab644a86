using System.Text.Json;
using Care.Trust.Ledger;

namespace Care.Trust.Tests.Ledger;

public sealed class MerkleProbeTests
{
    [Fact]
    public void Inclusion_verifier_gives_the_expected_answer_for_all_98_probes() =>
        CheckProbes("probes_inclusion.json", 98, 6, p => MerkleVerifier.VerifyInclusion(
            p.GetProperty("leafIdx").GetUInt64(), p.GetProperty("treeSize").GetUInt64(), p.B64("leafHash"), p.B64List("proof"), p.B64("root")));

    [Fact]
    public void Consistency_verifier_gives_the_expected_answer_for_all_98_probes() =>
        CheckProbes("probes_consistency.json", 98, 6, p => MerkleVerifier.VerifyConsistency(
            p.GetProperty("size1").GetUInt64(), p.GetProperty("size2").GetUInt64(), p.B64("root1"), p.B64("root2"), p.B64List("proof")));

    [Fact]
    public void Subtree_inclusion_verifier_gives_the_expected_answer_for_all_204_probes() =>
        CheckProbes("probes_subtreeinclusion.json", 204, 12, p => MerkleVerifier.VerifySubtreeInclusion(
            p.GetProperty("leafIdx").GetUInt64(), p.GetProperty("start").GetUInt64(), p.GetProperty("end").GetUInt64(), p.B64("leafHash"), p.B64List("proof"), p.B64("root")));

    [Fact]
    public void Subtree_consistency_verifier_gives_the_expected_answer_for_all_118_probes() =>
        CheckProbes("probes_subtreeconsistency.json", 118, 12, p => MerkleVerifier.VerifySubtreeConsistency(
            p.GetProperty("start").GetUInt64(), p.GetProperty("end").GetUInt64(), p.GetProperty("size").GetUInt64(), p.B64("root1"), p.B64("root2"), p.B64List("proof")));

    /// <summary>Runs every probe of <paramref name="file"/>: each must be accepted exactly when it does not want an error.</summary>
    private static void CheckProbes(string file, int count, int acceptedCount, Func<JsonElement, ProofCheck> verify)
    {
        var probes = TransparencyData.Load(file).EnumerateArray().ToList();
        Assert.Equal(count, probes.Count);
        var wrong = new List<string>();
        var accepted = 0;
        foreach (var p in probes)
        {
            var check = verify(p);
            accepted += check.IsValid ? 1 : 0;
            if (check.IsValid == p.GetProperty("wantErr").GetBoolean())
            {
                wrong.Add(p.GetProperty("source_file").GetString()! + ": " + check.Failure);
            }
        }
        Assert.Empty(wrong);
        Assert.Equal(acceptedCount, accepted);
    }
}
