using Care.Core.Errors;

namespace Care.Molecular.Rna;

/// <summary>
/// RNA bases as the small integers the energy tables use (A = 1, C = 2, G = 3, U = 4; 0 is "none",
/// the N/E column of ViennaRNA's tables) and the canonical pair types (CG = 1, GC = 2, GU = 3,
/// UG = 4, AU = 5, UA = 6; 0 = cannot pair), in ViennaRNA's order. Thread-safe (immutable).
/// </summary>
public static class RnaBases
{
    /// <summary>Number of canonical pair types (CG, GC, GU, UG, AU, UA).</summary>
    public const int PairTypes = 6;

    private static readonly byte[] PairTable =
    [
        // -  A  C  G  U
        0, 0, 0, 0, 0,
        0, 0, 0, 0, 5, // A: AU
        0, 0, 0, 1, 0, // C: CG
        0, 0, 2, 0, 3, // G: GC GU
        0, 6, 0, 4, 0, // U: UA UG
    ];

    /// <summary>The pair type of bases <paramref name="a"/> (5′ side) and <paramref name="b"/> (3′ side), 0 when they cannot pair.</summary>
    public static int Pair(int a, int b) => PairTable[(a * 5) + b];

    /// <summary>The letter of a base code (1–4), '?' otherwise.</summary>
    public static char Letter(int code) => code switch { 1 => 'A', 2 => 'C', 3 => 'G', 4 => 'U', _ => '?' };

    /// <summary>The code of a base letter (ACGU, case-insensitive; T is read as U), 0 for any other character.</summary>
    public static byte Code(char letter) => char.ToUpperInvariant(letter) switch
    {
        'A' => 1,
        'C' => 2,
        'G' => 3,
        'U' or 'T' => 4,
        _ => 0,
    };

    /// <summary>
    /// Encodes an RNA sequence (A, C, G, U; T accepted as U; case-insensitive).
    /// </summary>
    /// <param name="sequence">The sequence text.</param>
    /// <param name="where">Names the input in error messages (a file, an option).</param>
    /// <exception cref="InvalidInputException">Empty, or a character that is not a base (named with its 1-based position).</exception>
    public static byte[] Encode(string sequence, string where = "sequence")
    {
        ArgumentNullException.ThrowIfNull(sequence);
        if (sequence.Length == 0)
        {
            throw new InvalidInputException(where, "the sequence is empty");
        }
        var codes = new byte[sequence.Length];
        for (var i = 0; i < sequence.Length; i++)
        {
            codes[i] = Code(sequence[i]);
            if (codes[i] == 0)
            {
                throw new InvalidInputException(where, $"position {i + 1}: '{Printable(sequence[i])}' is not an RNA base (A, C, G, U)");
            }
        }
        return codes;
    }

    /// <summary>The sequence letters of <paramref name="codes"/>.</summary>
    public static string Decode(ReadOnlySpan<byte> codes)
    {
        var chars = new char[codes.Length];
        for (var i = 0; i < codes.Length; i++)
        {
            chars[i] = Letter(codes[i]);
        }
        return new string(chars);
    }

    private static string Printable(char c) => char.IsControl(c) || char.IsWhiteSpace(c) ? $"U+{(int)c:X4}" : c.ToString();
}
