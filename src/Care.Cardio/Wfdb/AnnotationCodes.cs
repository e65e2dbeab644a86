namespace Care.Cardio.Wfdb;

/// <summary>
/// The MIT annotation codes used by WFDB (<c>ecgcodes.h</c>): mnemonics and which codes mark beats.
/// </summary>
public static class AnnotationCodes
{
    /// <summary>The largest annotation code (WFDB <c>ACMAX</c>).</summary>
    public const int MaxCode = 49;

    /// <summary>Normal beat, <c>N</c>.</summary>
    public const byte Normal = 1;
    /// <summary>Premature ventricular contraction, <c>V</c>.</summary>
    public const byte Pvc = 5;
    /// <summary>Signal quality change, <c>~</c>; SUB bits 4–5 set mean both signals unreadable.</summary>
    public const byte Noise = 14;
    /// <summary>Comment annotation, <c>"</c>.</summary>
    public const byte Note = 22;
    /// <summary>Rhythm change, <c>+</c>; AUX gives the new rhythm, e.g. <c>(AFIB</c>.</summary>
    public const byte Rhythm = 28;
    /// <summary>Start of ventricular flutter or fibrillation, <c>[</c>.</summary>
    public const byte VfOn = 32;
    /// <summary>End of ventricular flutter or fibrillation, <c>]</c>.</summary>
    public const byte VfOff = 33;

    private static readonly string[] Mnemonics =
    [
        " ", "N", "L", "R", "a", "V", "F", "J", "A", "S", // 0-9
        "E", "j", "/", "Q", "~", "[15]", "|", "[17]", "s", "T", // 10-19
        "*", "D", "\"", "=", "p", "B", "^", "t", "+", "u", // 20-29
        "?", "!", "[", "]", "e", "n", "@", "x", "f", "(", // 30-39
        ")", "r", "[42]", "[43]", "[44]", "[45]", "[46]", "[47]", "[48]", "[49]", // 40-49
    ];

    // WFDB isqrs(): N L R a V F J A S E j / Q (1-13), B (25), ? (30), ! (31), e (34), n (35), f (38), r (41).
    private static readonly bool[] Beat = BuildBeatTable();

    /// <summary>True when <paramref name="code"/> is a beat (QRS) annotation.</summary>
    public static bool IsBeat(int code) => (uint)code < (uint)Beat.Length && Beat[code];

    /// <summary>The mnemonic of <paramref name="code"/>, or <c>[code]</c> for codes without one.</summary>
    public static string Mnemonic(int code) => (uint)code <= MaxCode ? Mnemonics[code] : $"[{code}]";

    /// <summary>The code whose mnemonic is <paramref name="mnemonic"/>, if any.</summary>
    public static bool TryParse(string mnemonic, out byte code)
    {
        for (var i = 1; i <= MaxCode; i++)
        {
            if (Mnemonics[i] == mnemonic)
            {
                code = (byte)i;
                return true;
            }
        }
        code = 0;
        return false;
    }

    private static bool[] BuildBeatTable()
    {
        var t = new bool[MaxCode + 1];
        for (var c = 1; c <= 13; c++)
        {
            t[c] = true;
        }
        foreach (var c in new[] { 25, 30, 31, 34, 35, 38, 41 })
        {
            t[c] = true;
        }
        return t;
    }
}
