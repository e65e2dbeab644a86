using System.Text;
using Care.Molecular.Sequences;

namespace Care.Molecular.Screening.Evaluation;

/// <summary>
/// Builds a synthetic database of "sequences of concern" from a seed: random proteins with
/// natural amino-acid frequencies, each back-translated with random synonymous codons, started by
/// ATG and ended by a stop. They stand in for real hazards, which Care neither ships nor needs.
/// Deterministic for a seed; thread safe.
/// </summary>
public static class SyntheticConcerns
{
    // UniProtKB/Swiss-Prot amino-acid composition (release 2024), percent, order below.
    private const string Letters = "ARNDCQEGHILKMFPSTWYV";
    private static readonly double[] Percent = [8.25, 5.53, 4.06, 5.46, 1.38, 3.93, 6.72, 7.07, 2.27, 5.91, 9.64, 5.80, 2.41, 3.86, 4.74, 6.65, 5.36, 1.10, 2.92, 6.86];

    /// <summary>
    /// <paramref name="count"/> entries named <c>concern-0001</c>…, each of
    /// <paramref name="minCodons"/>–<paramref name="maxCodons"/> codons (start and stop included).
    /// </summary>
    public static IReadOnlyList<ConcernEntry> Generate(int seed, int count, int minCodons = 150, int maxCodons = 600)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(minCodons, 12);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxCodons, minCodons);
        var random = new Random(seed);
        var entries = new ConcernEntry[count];
        for (var n = 0; n < count; n++)
        {
            var codons = random.Next(minCodons, maxCodons + 1);
            var dna = new StringBuilder(3 * codons);
            dna.Append("ATG");
            for (var c = 1; c < codons - 1; c++)
            {
                dna.Append(RandomCodon(random, RandomAminoAcid(random)));
            }
            dna.Append(RandomCodon(random, '*'));
            entries[n] = new ConcernEntry($"concern-{n + 1:D4}", dna.ToString());
        }
        return entries;
    }

    /// <summary>A random amino acid drawn with natural frequencies.</summary>
    public static char RandomAminoAcid(Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        var u = random.NextDouble() * 100.0;
        for (var i = 0; i < Letters.Length; i++)
        {
            u -= Percent[i];
            if (u <= 0)
            {
                return Letters[i];
            }
        }
        return Letters[^1];
    }

    /// <summary>A random codon of <paramref name="aminoAcid"/>.</summary>
    public static string RandomCodon(Random random, char aminoAcid)
    {
        ArgumentNullException.ThrowIfNull(random);
        var codons = GeneticCode.CodonsOf(aminoAcid);
        return codons[random.Next(codons.Count)];
    }
}
