namespace Care.Molecular.Design;

/// <summary>
/// The codon lattice of a protein at nucleotide level. At position p (codon k = p / 3, offset o = p % 3)
/// the "letters" are the distinct codon prefixes of length o + 1 among the amino acid's codons, so that
/// two adjacent letters are compatible exactly when they can lie on one mRNA (a prefix chain within a
/// codon; anything across a codon boundary). A letter at offset 2 is a whole codon and carries its
/// cost 100 · λ · (−ln w) in dcal/mol.
/// </summary>
internal sealed class CodonLattice
{
    public const float Inf = 1e9f;

    public CodonLattice(string protein, CodonTable table, double lambda)
    {
        N = protein.Length * 3;
        Count = new int[N];
        Base = new byte[N][];
        Cost = new float[N][];
        Prefix = new string[N][];
        for (var k = 0; k < protein.Length; k++)
        {
            var codons = table.CodonsOf(protein[k]);
            for (var o = 0; o < 3; o++)
            {
                var p = (3 * k) + o;
                var prefixes = codons.Select(c => c.Codon[..(o + 1)]).Distinct().OrderBy(s => s, StringComparer.Ordinal).ToArray();
                Prefix[p] = prefixes;
                Count[p] = prefixes.Length;
                Base[p] = [.. prefixes.Select(s => Rna.RnaBases.Code(s[^1]))];
                Cost[p] = [.. prefixes.Select(s => o < 2 ? 0f : (float)(100.0 * lambda * -Math.Log(codons.First(c => c.Codon == s).Weight)))];
            }
        }
        Next = new int[N][];
        for (var p = 0; p < N - 1; p++)
        {
            Next[p] = new int[Count[p]];
            for (var a = 0; a < Count[p]; a++)
            {
                var mask = 0;
                for (var b = 0; b < Count[p + 1]; b++)
                {
                    if ((p + 1) % 3 == 0 || Prefix[p + 1][b].StartsWith(Prefix[p][a], StringComparison.Ordinal))
                    {
                        mask |= 1 << b;
                    }
                }
                Next[p][a] = mask;
            }
        }
        Next[N - 1] = new int[Count[N - 1]];
    }

    /// <summary>Number of nucleotide positions.</summary>
    public int N { get; }

    /// <summary>Letters per position.</summary>
    public int[] Count { get; }

    /// <summary>Base code (1–4) of each letter.</summary>
    public byte[][] Base { get; }

    /// <summary>Codon cost of each letter (dcal/mol; non-zero only for whole codons).</summary>
    public float[][] Cost { get; }

    /// <summary>The codon prefix each letter stands for.</summary>
    public string[][] Prefix { get; }

    /// <summary>Bit mask of the letters at p + 1 compatible with letter a at p.</summary>
    public int[][] Next { get; }

    public bool Compatible(int p, int a, int b) => (Next[p][a] & (1 << b)) != 0;
}
