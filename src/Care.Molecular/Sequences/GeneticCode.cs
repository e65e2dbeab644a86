namespace Care.Molecular.Sequences;

/// <summary>
/// The standard genetic code (NCBI translation table 1): codon → amino acid (one letter,
/// <c>*</c> for stop), and the synonymous codons of each amino acid. Stateless and thread safe.
/// </summary>
public static class GeneticCode
{
    // NCBI table 1 in TCAG order of first, second and third base.
    private const string TableTcag = "FFLLSSSSYY**CC*WLLLLPPPPHHQQRRRRIIIMTTTTNNKKSSRRVVVVAAAADDEEGGGG";
    private static readonly char[] Table = BuildTable();
    private static readonly Dictionary<char, string[]> Synonyms = BuildSynonyms();

    /// <summary>The amino acid of a codon (three upper-case bases); <c>X</c> when a base is not A/C/G/T.</summary>
    public static char Translate(char b1, char b2, char b3)
    {
        var c1 = Dna.Code(b1);
        var c2 = Dna.Code(b2);
        var c3 = Dna.Code(b3);
        return (c1 | c2 | c3) < 0 ? 'X' : Table[(c1 << 4) | (c2 << 2) | c3];
    }

    /// <summary>The amino acid of a codon given as its 6-bit code (first base in the high bits).</summary>
    public static char Translate(int codonCode) => Table[codonCode & 63];

    /// <summary>
    /// Translates <paramref name="dna"/> from offset 0 in whole codons (a trailing partial codon is
    /// dropped). Stops are written as <c>*</c>; translation does not stop at them.
    /// </summary>
    public static string Translate(ReadOnlySpan<char> dna)
    {
        var protein = new char[dna.Length / 3];
        for (var i = 0; i < protein.Length; i++)
        {
            protein[i] = Translate(dna[3 * i], dna[(3 * i) + 1], dna[(3 * i) + 2]);
        }
        return new string(protein);
    }

    /// <summary>The codons that encode <paramref name="aminoAcid"/> (one letter or <c>*</c>); empty for an unknown letter.</summary>
    public static IReadOnlyList<string> CodonsOf(char aminoAcid) => Synonyms.TryGetValue(aminoAcid, out var codons) ? codons : [];

    private static char[] BuildTable()
    {
        // Re-order the TCAG table into ACGT code order (A=0, C=1, G=2, T=3).
        const string tcag = "TCAG";
        var table = new char[64];
        for (var i = 0; i < 64; i++)
        {
            var b1 = tcag[i >> 4];
            var b2 = tcag[(i >> 2) & 3];
            var b3 = tcag[i & 3];
            table[(Dna.Code(b1) << 4) | (Dna.Code(b2) << 2) | Dna.Code(b3)] = TableTcag[i];
        }
        return table;
    }

    private static Dictionary<char, string[]> BuildSynonyms()
    {
        var lists = new Dictionary<char, List<string>>();
        for (var code = 0; code < 64; code++)
        {
            var codon = string.Concat(Dna.Base(code >> 4), Dna.Base(code >> 2), Dna.Base(code));
            var aa = Table[code];
            if (!lists.TryGetValue(aa, out var list))
            {
                lists[aa] = list = [];
            }
            list.Add(codon);
        }
        return lists.ToDictionary(p => p.Key, p => p.Value.ToArray());
    }
}
