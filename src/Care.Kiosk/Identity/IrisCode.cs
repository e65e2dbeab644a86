using System.Numerics;

namespace Care.Kiosk.Identity;

/// <summary>
/// A Daugman-style iris code: <see cref="Rings"/> radial rings × <see cref="Coefficients"/> angular
/// positions, two bits per position (the quadrant of the phase of a complex Gabor coefficient: real
/// part &gt; 0, imaginary part &gt; 0), so 2,048 bits; and a mask of the same shape, 1 where the bit is
/// valid (not under an eyelid, lash or reflection). Rotating the eye shifts every ring by whole
/// angular positions. Immutable; thread safe.
/// </summary>
public sealed class IrisCode
{
    /// <summary>Radial rings.</summary>
    public const int Rings = 8;

    /// <summary>Angular positions per ring.</summary>
    public const int Coefficients = 128;

    /// <summary>Bits per ring (two per position).</summary>
    public const int BitsPerRing = 2 * Coefficients;

    /// <summary>Bits per code (Daugman's 2,048).</summary>
    public const int Bits = Rings * BitsPerRing;

    /// <summary>64-bit words per code.</summary>
    public const int Words = Bits / 64;

    private readonly ulong[] _code;
    private readonly ulong[] _mask;

    private IrisCode(ulong[] code, ulong[] mask)
    {
        _code = code;
        _mask = mask;
        ValidBits = 0;
        for (int i = 0; i < Words; i++)
        {
            ValidBits += BitOperations.PopCount(mask[i]);
        }
    }

    /// <summary>Bits the mask marks valid.</summary>
    public int ValidBits { get; }

    /// <summary>The code bits, packed (bit i of the code is bit i % 64 of word i / 64).</summary>
    public ReadOnlySpan<ulong> CodeWords => _code;

    /// <summary>The mask bits, packed like <see cref="CodeWords"/>.</summary>
    public ReadOnlySpan<ulong> MaskWords => _mask;

    /// <summary>Builds a code from <see cref="Bits"/> code bits and mask bits (ring-major, two bits per position).</summary>
    /// <exception cref="ArgumentException">Either span is not <see cref="Bits"/> long.</exception>
    public static IrisCode FromBits(ReadOnlySpan<bool> code, ReadOnlySpan<bool> mask)
    {
        if (code.Length != Bits || mask.Length != Bits)
        {
            throw new ArgumentException($"an iris code has {Bits} code and mask bits, got {code.Length} and {mask.Length}");
        }
        var c = new ulong[Words];
        var m = new ulong[Words];
        for (int i = 0; i < Bits; i++)
        {
            if (code[i])
            {
                c[i >> 6] |= 1UL << (i & 63);
            }
            if (mask[i])
            {
                m[i >> 6] |= 1UL << (i & 63);
            }
        }
        return new IrisCode(c, m);
    }

    /// <summary>Builds a code from packed words (as <see cref="CodeWords"/>).</summary>
    /// <exception cref="ArgumentException">Either span is not <see cref="Words"/> long.</exception>
    public static IrisCode FromWords(ReadOnlySpan<ulong> code, ReadOnlySpan<ulong> mask)
    {
        if (code.Length != Words || mask.Length != Words)
        {
            throw new ArgumentException($"an iris code has {Words} code and mask words, got {code.Length} and {mask.Length}");
        }
        return new IrisCode(code.ToArray(), mask.ToArray());
    }

    /// <summary>Bit <paramref name="index"/> of the code.</summary>
    public bool CodeBit(int index) => (_code[index >> 6] >> (index & 63) & 1) != 0;

    /// <summary>Bit <paramref name="index"/> of the mask.</summary>
    public bool MaskBit(int index) => (_mask[index >> 6] >> (index & 63) & 1) != 0;

    /// <summary>The code of the same eye turned by <paramref name="positions"/> angular positions (positive: towards higher indexes, circular).</summary>
    public IrisCode Rotate(int positions)
    {
        int shift = ((positions % Coefficients) + Coefficients) % Coefficients * 2;
        if (shift == 0)
        {
            return this;
        }
        var c = new ulong[Words];
        var m = new ulong[Words];
        for (int ring = 0; ring < Rings; ring++)
        {
            int start = ring * BitsPerRing;
            for (int j = 0; j < BitsPerRing; j++)
            {
                int from = start + j;
                int to = start + ((j + shift) % BitsPerRing);
                if (CodeBit(from))
                {
                    c[to >> 6] |= 1UL << (to & 63);
                }
                if (MaskBit(from))
                {
                    m[to >> 6] |= 1UL << (to & 63);
                }
            }
        }
        return new IrisCode(c, m);
    }
}
