using Care.Molecular.Design;
using Care.Molecular.Rna;
using Care.Molecular.Tests.Rna;

namespace Care.Molecular.Tests.Design;

/// <summary>
/// The lattice search against brute force: every synonymous mRNA of a short protein is folded exactly
/// (Turner 2004, no dangles) and the best objective MFE + λ · Σ −ln w is compared with the designer's.
/// Proteins are drawn with a fixed seed from residues with two to four codons, 9–11 residues
/// (27–33 nt: long enough for interior loops with a side of 4+ unpaired bases and multi-loops).
/// </summary>
public sealed class ExhaustiveDesignTests
{
    private const string Residues = "ACDEFGHIKNPQTVY";

    [Theory]
    [InlineData(0.0, 11)]
    [InlineData(1.0, 12)]
    [InlineData(3.0, 13)]
    public void Given_short_proteins_When_designed_Then_the_objective_equals_brute_force_over_all_synonymous_mRNAs(double lambda, int seed)
    {
        var parameters = RnaTestData.Parameters();
        var table = CodonTable.ReadFile(Path.Combine(RnaTestData.Folder, "codon_usage_human_kazusa.csv"));
        var designer = new LatticeDesigner(parameters, table);
        var folder = new MfeFolder(parameters);
        var random = new Random(seed);
        for (var trial = 0; trial < 4; trial++)
        {
            var protein = RandomProtein(random, table, 9 + (trial % 3), 6000);
            var design = designer.Design(protein, new DesignOptions(lambda));
            var best = double.PositiveInfinity;
            foreach (var mrna in AllMrnas(protein, table))
            {
                var objective = folder.Fold(mrna, Dangles.None).EnergyKcalPerMol + (lambda * CodonCost(mrna, table));
                best = Math.Min(best, objective);
            }
            var ours = design.MfeKcalPerMol + (lambda * CodonCost(design.Mrna, table));
            Assert.True(Math.Abs(ours - best) < 0.006, $"{protein} lambda {lambda}: design {ours:F3}, brute force {best:F3}");
        }
    }

    private static double CodonCost(string mrna, CodonTable table)
    {
        var sum = 0.0;
        for (var k = 0; k < mrna.Length; k += 3)
        {
            var codon = mrna.Substring(k, 3);
            sum -= Math.Log(table.CodonsOf(table.AminoAcidOf(codon)!.Value).First(c => c.Codon == codon).Weight);
        }
        return sum;
    }

    private static string RandomProtein(Random random, CodonTable table, int length, int maxCombinations)
    {
        while (true)
        {
            var chars = new char[length];
            long combos = 1;
            chars[0] = 'M';
            for (var k = 1; k < length; k++)
            {
                chars[k] = Residues[random.Next(Residues.Length)];
                combos *= table.CodonsOf(chars[k]).Count;
            }
            if (combos <= maxCombinations)
            {
                return new string(chars);
            }
        }
    }

    private static IEnumerable<string> AllMrnas(string protein, CodonTable table)
    {
        var options = protein.Select(aa => table.CodonsOf(aa).Select(c => c.Codon).ToArray()).ToArray();
        var index = new int[protein.Length];
        while (true)
        {
            yield return string.Concat(index.Select((x, k) => options[k][x]));
            var pos = protein.Length - 1;
            while (pos >= 0 && ++index[pos] == options[pos].Length)
            {
                index[pos] = 0;
                pos--;
            }
            if (pos < 0)
            {
                yield break;
            }
        }
    }
}
