using Care.Core.Errors;
using Care.Molecular.Design;
using Care.Molecular.Rna;
using Care.Molecular.Tests.Rna;

namespace Care.Molecular.Tests.Design;

public sealed class DesignTests
{
    private static CodonTable Table() => CodonTable.ReadFile(Path.Combine(RnaTestData.Folder, "codon_usage_human_kazusa.csv"));

    [Theory]
    [InlineData("MNDTEAI", 0, -110)]
    [InlineData("MPNTLACP", 0, -740)]
    [InlineData("MNDTEAI", 3, -30)]
    public void LinearDesign_readme_examples_are_matched_and_every_design_translates_back_and_refolds(string protein, double lambda, int linearDesignDcal)
    {
        var table = Table();
        var design = new LatticeDesigner(RnaTestData.Parameters(), table).Design(protein, new DesignOptions(lambda));
        for (var k = 0; k < protein.Length; k++)
        {
            Assert.Equal(protein[k], table.AminoAcidOf(design.Mrna.Substring(3 * k, 3)));
        }
        var fold = new MfeFolder(RnaTestData.Parameters()).Fold(design.Mrna, Dangles.None);
        Assert.Equal(fold.Structure, design.Structure);
        Assert.Equal(fold.EnergyKcalPerMol, design.MfeKcalPerMol);
        Assert.True(design.MfeKcalPerMol * 100 <= linearDesignDcal + 0.5);
        Assert.Equal(table.Cai(design.Mrna), design.Cai, 12);
    }

    [Fact]
    public void Given_a_higher_lambda_When_designed_Then_CAI_does_not_fall()
    {
        var designer = new LatticeDesigner(RnaTestData.Parameters(), Table());
        const string protein = "MALWMRLLPLLALLALWGPDPAAAFVNQHLCGSHLVEALYLVCGERGFFYTPKT";
        var low = designer.Design(protein, new DesignOptions(0));
        var high = designer.Design(protein, new DesignOptions(5));
        Assert.True(high.Cai >= low.Cai);
        Assert.True(low.MfeKcalPerMol <= high.MfeKcalPerMol + 1e-9 || low.SearchObjectiveKcalPerMol <= high.MfeKcalPerMol);
    }

    [Theory]
    [InlineData("MKX", "position 3")]
    [InlineData("MK*A", "position 3: internal stop")]
    [InlineData("", "empty")]
    public void Given_a_bad_protein_When_designed_Then_it_is_refused_with_the_position(string protein, string expected)
    {
        var designer = new LatticeDesigner(RnaTestData.Parameters(), Table());
        var e = Assert.Throws<InvalidInputException>(() => designer.Design(protein, new DesignOptions(0)));
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("amino_acid,codon,relative_frequency\nA,GCX,0.5\n", "line 2")]
    [InlineData("aa,codon,f\n", "line 1")]
    [InlineData("amino_acid,codon,relative_frequency\nA,GCA,1.5\n", "line 2")]
    [InlineData("amino_acid,codon,relative_frequency\nA,GCA,0.5\nA,GCA,0.5\n", "line 3")]
    [InlineData("amino_acid,codon,relative_frequency\nA,GCA,0.5\n", "64")]
    public void Given_a_malformed_codon_table_When_parsed_Then_the_line_is_named(string text, string expected)
    {
        var e = Assert.Throws<InvalidInputException>(() => CodonTable.Parse(text, "t.csv"));
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
    }
}
