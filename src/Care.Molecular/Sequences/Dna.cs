namespace Care.Molecular.Sequences;

/// <summary>
/// Nucleotide helpers over upper-case A/C/G/T text: reverse complement and 2-bit codes
/// (A=0, C=1, G=2, T=3). Stateless and thread safe.
/// </summary>
public static class Dna
{
    /// <summary>2-bit code of a base, or −1 for anything that is not A, C, G or T (upper case).</summary>
    public static int Code(char b) => b switch
    {
        'A' => 0,
        'C' => 1,
        'G' => 2,
        'T' => 3,
        _ => -1,
    };

    /// <summary>The base of a 2-bit code (0–3).</summary>
    public static char Base(int code) => "ACGT"[code & 3];

    /// <summary>The complement of one base (A↔T, C↔G); any other character is returned as <c>N</c>.</summary>
    public static char Complement(char b) => b switch
    {
        'A' => 'T',
        'C' => 'G',
        'G' => 'C',
        'T' => 'A',
        _ => 'N',
    };

    /// <summary>The reverse complement of <paramref name="sequence"/>.</summary>
    public static string ReverseComplement(ReadOnlySpan<char> sequence)
    {
        var result = new char[sequence.Length];
        for (var i = 0; i < sequence.Length; i++)
        {
            result[sequence.Length - 1 - i] = Complement(sequence[i]);
        }
        return new string(result);
    }

    /// <summary>
    /// Index of the first character that is not A, C, G or T (upper case), or −1 when every one is.
    /// </summary>
    public static int FirstInvalid(ReadOnlySpan<char> sequence) => sequence.IndexOfAnyExcept("ACGT");
}
