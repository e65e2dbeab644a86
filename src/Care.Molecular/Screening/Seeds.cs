namespace Care.Molecular.Screening;

/// <summary>Rolling seed codes over DNA (2 bits a base) and proteins (reduced alphabet, base 10).</summary>
internal static class Seeds
{
    /// <summary>Every k-mer of A/C/G/T (windows with another letter are skipped), with its start.</summary>
    public static IEnumerable<(int Position, ulong Code)> Dna(string sequence, int k)
    {
        var mask = (1UL << (2 * k)) - 1;
        ulong code = 0;
        var valid = 0;
        for (var i = 0; i < sequence.Length; i++)
        {
            var c = Sequences.Dna.Code(sequence[i]);
            if (c < 0)
            {
                valid = 0;
                continue;
            }
            code = ((code << 2) | (uint)c) & mask;
            if (++valid >= k)
            {
                yield return (i - k + 1, code);
            }
        }
    }

    /// <summary>Every k-mer of reduced-alphabet residues (windows with a stop or X are skipped), with its start.</summary>
    public static IEnumerable<(int Position, ulong Code)> Protein(string sequence, int k)
    {
        ulong modulus = 1;
        for (var i = 0; i < k; i++)
        {
            modulus *= ReducedAlphabet.Size;
        }
        ulong code = 0;
        var valid = 0;
        for (var i = 0; i < sequence.Length; i++)
        {
            var c = ReducedAlphabet.Code(sequence[i]);
            if (c < 0)
            {
                valid = 0;
                continue;
            }
            code = ((code * ReducedAlphabet.Size) + (uint)c) % modulus;
            if (++valid >= k)
            {
                yield return (i - k + 1, code);
            }
        }
    }
}
