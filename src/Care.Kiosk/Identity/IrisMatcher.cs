using System.Numerics;

namespace Care.Kiosk.Identity;

/// <summary>
/// Compares iris codes as Daugman does (How iris recognition works, IEEE TCSVT 2004; and "New
/// methods in iris recognition", IEEE SMC-B 2007): the fractional Hamming distance over bits valid in
/// both masks, minimised over rotations, after normalising each score for the number of bits compared
/// (a distance from few bits is pulled towards 0.5, so a mostly occluded eye cannot match by luck).
/// Thread safe.
/// </summary>
public static class IrisMatcher
{
    /// <summary>Daugman's typical number of bits compared, the reference of the normalisation (2007).</summary>
    public const double ReferenceBits = 911;

    /// <summary>Default rotation search: ±8 angular positions (±22.5°), 17 alignments.</summary>
    public const int DefaultMaxShift = 8;

    /// <summary>Compares a stored code with a probe at every rotation up to ±<paramref name="maxShift"/>.</summary>
    public static IrisComparison Compare(IrisCode enrolled, IrisCode probe, int maxShift = DefaultMaxShift)
    {
        ArgumentNullException.ThrowIfNull(enrolled);
        ArgumentNullException.ThrowIfNull(probe);
        return new IrisProbe(probe, maxShift).CompareWith(enrolled);
    }

    /// <summary>The distance at one alignment of packed codes.</summary>
    internal static IrisComparison Distance(ReadOnlySpan<ulong> code, ReadOnlySpan<ulong> mask, IrisCode probe, int shift) =>
        Distance(code, mask, probe.CodeWords, probe.MaskWords, shift);

    /// <summary>The distance between two packed codes with their masks.</summary>
    internal static IrisComparison Distance(ReadOnlySpan<ulong> codeA, ReadOnlySpan<ulong> maskA, ReadOnlySpan<ulong> codeB, ReadOnlySpan<ulong> maskB, int shift)
    {
        int differ = 0, compared = 0;
        for (int i = 0; i < codeA.Length; i++)
        {
            ulong valid = maskA[i] & maskB[i];
            compared += BitOperations.PopCount(valid);
            differ += BitOperations.PopCount((codeA[i] ^ codeB[i]) & valid);
        }
        if (compared == 0)
        {
            return new IrisComparison(1, 1, 0, shift);
        }
        double raw = (double)differ / compared;
        return new IrisComparison(raw, Normalise(raw, compared), compared, shift);
    }

    /// <summary>Daugman's normalisation: 0.5 − (0.5 − <paramref name="raw"/>)·√(<paramref name="bitsCompared"/> / 911).</summary>
    public static double Normalise(double raw, int bitsCompared) =>
        0.5 - ((0.5 - raw) * Math.Sqrt(bitsCompared / ReferenceBits));
}
