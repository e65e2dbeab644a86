using Care.Molecular.Rna;

namespace Care.Molecular.Tests.Rna;

/// <summary>The reference rows of ../shared/data/rna (RNAeval and RNAfold outputs).</summary>
public sealed class ReferenceTests
{
    private static IEnumerable<string[]> Rows(string file)
    {
        var lines = File.ReadAllLines(Path.Combine(RnaTestData.Folder, file));
        return lines.Skip(1).Where(l => l.Length > 0).Select(l => l.Split('\t'));
    }

    private static int Dcal(string kcal) => (int)Math.Round(decimal.Parse(kcal, System.Globalization.CultureInfo.InvariantCulture) * 100m);

    [Fact]
    public void Energy_model_matches_RNAeval_on_every_reference_pair_in_both_dangle_modes()
    {
        var evaluator = new StructureEvaluator(RnaTestData.Parameters());
        var rows = Rows("eval_reference.tsv").ToList();
        Assert.Equal(148, rows.Count);
        foreach (var r in rows)
        {
            Assert.Equal(Dcal(r[5]), evaluator.Energy(r[3], r[4], Dangles.Double));
            Assert.Equal(Dcal(r[6]), evaluator.Energy(r[3], r[4], Dangles.None));
        }
    }

    [Fact]
    public void Folder_matches_RNAfold_mfe_and_structure_on_every_reference_sequence_up_to_200_nt()
    {
        var folder = new MfeFolder(RnaTestData.Parameters());
        var rows = Rows("fold_reference.tsv").Where(r => r[4].Length <= 200).ToList();
        Assert.True(rows.Count > 250);
        foreach (var r in rows)
        {
            var d2 = folder.Fold(r[4], Dangles.Double);
            Assert.Equal((Dcal(r[5]), r[6]), (d2.EnergyDcalPerMol, d2.Structure));
            var d0 = folder.Fold(r[4], Dangles.None);
            Assert.Equal((Dcal(r[10]), r[11]), (d0.EnergyDcalPerMol, d0.Structure));
        }
    }
}
