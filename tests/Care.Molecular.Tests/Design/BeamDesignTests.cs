using Care.Molecular.Design;
using Care.Molecular.Rna;
using Care.Molecular.Tests.Rna;

namespace Care.Molecular.Tests.Design;

/// <summary>The linear-memory beam against the exact search on the same proteins.</summary>
public sealed class BeamDesignTests
{
    private const string Preproinsulin = "MALWMRLLPLLALLALWGPDPAAAFVNQHLCGSHLVEALYLVCGERGFFYTPKT";

    [Theory]
    [InlineData(0.0)]
    [InlineData(3.0)]
    public void Given_a_beam_wider_than_every_row_When_designed_Then_it_equals_the_exact_search(double lambda)
    {
        var designer = Designer();
        var exact = designer.Design(Preproinsulin, new DesignOptions(lambda));
        var wide = designer.Design(Preproinsulin, new DesignOptions(lambda, Beam: 1_000_000));
        Assert.Equal(exact.SearchObjectiveKcalPerMol, wide.SearchObjectiveKcalPerMol, 2);
    }

    [Theory]
    [InlineData(5)]
    [InlineData(50)]
    public void Given_a_narrow_beam_When_designed_Then_the_design_is_valid_and_never_beats_the_exact_objective(int beam)
    {
        var designer = Designer();
        var table = Table();
        var exact = designer.Design(Preproinsulin, new DesignOptions(1.0));
        var narrow = designer.Design(Preproinsulin, new DesignOptions(1.0, Beam: beam));
        for (var k = 0; k < Preproinsulin.Length; k++)
        {
            Assert.Equal(Preproinsulin[k], table.AminoAcidOf(narrow.Mrna.Substring(3 * k, 3)));
        }
        var fold = new MfeFolder(RnaTestData.Parameters()).Fold(narrow.Mrna, Dangles.None);
        Assert.Equal(fold.EnergyKcalPerMol, narrow.MfeKcalPerMol);
        Assert.True(narrow.SearchObjectiveKcalPerMol >= exact.SearchObjectiveKcalPerMol - 0.01);
    }

    private static CodonTable Table() => CodonTable.ReadFile(Path.Combine(RnaTestData.Folder, "codon_usage_human_kazusa.csv"));

    private static LatticeDesigner Designer() => new(RnaTestData.Parameters(), Table());
}
