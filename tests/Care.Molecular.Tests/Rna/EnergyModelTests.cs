using Care.Core.Errors;
using Care.Molecular.Rna;

namespace Care.Molecular.Tests.Rna;

public sealed class EnergyModelTests
{
    [Fact]
    public void Given_the_shipped_file_with_its_typo_When_read_Then_the_stack_value_is_repaired_and_reported()
    {
        var shipped = ParameterFileReader.ReadFile(Path.Combine(RnaTestData.Folder, "rna_turner2004.par"));
        var fixedFile = RnaTestData.Parameters();
        Assert.Single(shipped.Repairs);
        Assert.Contains("line 7", shipped.Repairs[0], StringComparison.Ordinal);
        Assert.Empty(fixedFile.Repairs);
        Assert.Equal(fixedFile.Stack, shipped.Stack);
    }

    [Fact]
    public void Given_a_malformed_value_When_parsed_Then_the_line_is_named()
    {
        var text = File.ReadAllText(Path.Combine(RnaTestData.Folder, "rna_turner2004_stackfix.par"));
        var lines = text.Split('\n');
        lines[25] = lines[25].Replace("-80", "-8o", StringComparison.Ordinal);
        var e = Assert.Throws<InvalidInputException>(() => ParameterFileReader.Parse(string.Join('\n', lines), "p.par"));
        Assert.Contains("line 26", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Given_a_truncated_file_When_parsed_Then_the_missing_section_is_named()
    {
        var text = File.ReadAllText(Path.Combine(RnaTestData.Folder, "rna_turner2004_stackfix.par"));
        var e = Assert.Throws<InvalidInputException>(() => ParameterFileReader.Parse(text[..(text.Length / 2)], "p.par"));
        Assert.Contains("p.par", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Given_a_duplicated_section_When_parsed_Then_it_is_rejected_with_its_line()
    {
        var text = File.ReadAllText(Path.Combine(RnaTestData.Folder, "rna_turner2004_stackfix.par"));
        var e = Assert.Throws<InvalidInputException>(() => ParameterFileReader.Parse(text.Replace("#END", "# NINIO\n 60 320 300\n#END", StringComparison.Ordinal), "p.par"));
        Assert.Contains("appears twice", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("AGGGAAACCCU", "((((...))))", Dangles.None, -280)]
    [InlineData("GGGGAAACCCC", "((((...))))", Dangles.None, -450)]
    [InlineData("AAAAA", ".....", Dangles.Double, 0)]
    public void Given_small_hairpins_When_evaluated_Then_the_energy_is_the_nearest_neighbour_sum(string seq, string structure, Dangles dangles, int expectedDcal)
    {
        // GGGG/CCCC: 3 GC stacks (-330 each) + triloop 540 = -450; AGGG/CCCU: AU-GC stack -210, 2 x -330, 540, exterior AU penalty 50 = -280.
        var evaluator = new StructureEvaluator(RnaTestData.Parameters());
        var folder = new MfeFolder(RnaTestData.Parameters());
        var e = evaluator.Energy(seq, structure, dangles);
        Assert.Equal(expectedDcal, e);
        Assert.True(folder.Fold(seq, dangles).EnergyDcalPerMol <= e);
    }

    [Theory]
    [InlineData("GGGAXACCC", "(((...)))", "position 5")]
    [InlineData("GGGAAACCC", "(((...))", "sequence has 9")]
    [InlineData("GGGAAACCC", "((((..)))", "position 1")]
    [InlineData("GGGAAACCC", "(((...)).", "never closed")]
    [InlineData("GGGAAAACC", "(((...)))", "canonical")]
    [InlineData("GGGGACCCC", "((((.))))", "at least 3")]
    public void Given_bad_input_When_evaluated_Then_the_position_is_named(string seq, string structure, string expected)
    {
        var evaluator = new StructureEvaluator(RnaTestData.Parameters());
        var e = Assert.Throws<InvalidInputException>(() => evaluator.Energy(seq, structure, Dangles.Double));
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Given_random_sequences_When_folded_Then_the_reported_MFE_is_the_evaluated_energy_of_the_structure()
    {
        var random = new Random(20261205);
        var p = RnaTestData.Parameters();
        var folder = new MfeFolder(p);
        var evaluator = new StructureEvaluator(p);
        for (var r = 0; r < 20; r++)
        {
            var seq = new string([.. Enumerable.Range(0, 30 + random.Next(150)).Select(_ => "ACGU"[random.Next(4)])]);
            foreach (var d in new[] { Dangles.None, Dangles.Double })
            {
                var fold = folder.Fold(seq, d);
                Assert.Equal(fold.EnergyDcalPerMol, evaluator.Energy(seq, fold.Structure, d));
            }
        }
    }
}
