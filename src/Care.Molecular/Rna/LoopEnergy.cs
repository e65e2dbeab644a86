using System.Runtime.CompilerServices;

namespace Care.Molecular.Rna;

/// <summary>
/// The loop terms of the nearest-neighbour model, exactly as ViennaRNA 2.x computes them
/// (<c>E_Hairpin</c>, <c>E_IntLoop</c>, <c>E_MLstem</c>, <c>E_ExtLoop</c>). All energies in dcal/mol.
/// Bases are codes 1–4 (<see cref="RnaBases"/>); a neighbour of −1 means "none" (sequence end or <c>-d0</c>).
/// </summary>
internal static class LoopEnergy
{
    /// <summary>Hairpin closed by (i, j) of pair type <paramref name="type"/>; <paramref name="seq"/> is the whole encoded sequence.</summary>
    public static int Hairpin(EnergyParameters p, ReadOnlySpan<byte> seq, int i, int j, int type)
    {
        var size = j - i - 1;
        var e = size <= EnergyParameters.MaxLoop ? p.Hairpin[size] : p.Hairpin[EnergyParameters.MaxLoop] + Extrapolate(p, size);
        if (size < 3)
        {
            return e;
        }
        if (size is 3 or 4 or 6 && p.SpecialHairpins.Count > 0)
        {
            Span<char> loop = stackalloc char[size + 2];
            for (var k = 0; k < loop.Length; k++)
            {
                loop[k] = RnaBases.Letter(seq[i + k]);
            }
            if (p.SpecialHairpins.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(loop, out var special))
            {
                return special;
            }
        }
        if (size == 3)
        {
            return e + (type > 2 ? p.TerminalAu : 0);
        }
        return e + p.MismatchHairpin[EnergyParameters.M(type, seq[i + 1], seq[j - 1])];
    }

    /// <summary>
    /// Loop closed by (i, j) of type <paramref name="type"/> with inner pair (k, l): a stack, bulge or interior loop.
    /// <paramref name="type2"/> is the type of the reversed inner pair (l, k). n1 = k − i − 1, n2 = j − l − 1.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Interior(EnergyParameters p, int n1, int n2, int type, int type2, int si1, int sj1, int sp1, int sq1)
    {
        int nl, ns;
        if (n1 > n2)
        {
            nl = n1;
            ns = n2;
        }
        else
        {
            nl = n2;
            ns = n1;
        }
        if (nl == 0)
        {
            return p.Stack[EnergyParameters.S(type, type2)];
        }
        if (ns == 0)
        {
            var e = nl <= EnergyParameters.MaxLoop ? p.Bulge[nl] : p.Bulge[EnergyParameters.MaxLoop] + Extrapolate(p, nl);
            if (nl == 1)
            {
                return e + p.Stack[EnergyParameters.S(type, type2)];
            }
            if (type > 2)
            {
                e += p.TerminalAu;
            }
            if (type2 > 2)
            {
                e += p.TerminalAu;
            }
            return e;
        }
        if (ns == 1)
        {
            if (nl == 1)
            {
                return p.Int11[(EnergyParameters.S(type, type2) * 25) + (si1 * 5) + sj1];
            }
            if (nl == 2)
            {
                return n1 == 1
                    ? p.Int21[(EnergyParameters.S(type, type2) * 125) + (si1 * 25) + (sq1 * 5) + sj1]
                    : p.Int21[(EnergyParameters.S(type2, type) * 125) + (sq1 * 25) + (si1 * 5) + sp1];
            }
            var u = nl + 1;
            var e1 = u <= EnergyParameters.MaxLoop ? p.Interior[u] : p.Interior[EnergyParameters.MaxLoop] + Extrapolate(p, u);
            e1 += Math.Min(p.MaxNinio, (nl - ns) * p.Ninio);
            return e1 + p.MismatchInterior1N[EnergyParameters.M(type, si1, sj1)] + p.MismatchInterior1N[EnergyParameters.M(type2, sq1, sp1)];
        }
        if (ns == 2)
        {
            if (nl == 2)
            {
                return p.Int22[(EnergyParameters.S(type, type2) * 625) + (si1 * 125) + (sp1 * 25) + (sq1 * 5) + sj1];
            }
            if (nl == 3)
            {
                return p.Interior[5] + p.Ninio + p.MismatchInterior23[EnergyParameters.M(type, si1, sj1)] + p.MismatchInterior23[EnergyParameters.M(type2, sq1, sp1)];
            }
        }
        var size = nl + ns;
        var e2 = size <= EnergyParameters.MaxLoop ? p.Interior[size] : p.Interior[EnergyParameters.MaxLoop] + Extrapolate(p, size);
        e2 += Math.Min(p.MaxNinio, (nl - ns) * p.Ninio);
        return e2 + p.MismatchInterior[EnergyParameters.M(type, si1, sj1)] + p.MismatchInterior[EnergyParameters.M(type2, sq1, sp1)];
    }

    /// <summary>A helix end in a multi-loop (without the closing penalty): branch term, terminal AU/GU and, with neighbours, dangles or mismatch.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int MultiStem(EnergyParameters p, int type, int n5, int n3) =>
        Dangle(p, p.MismatchMulti, type, n5, n3) + (type > 2 ? p.TerminalAu : 0) + p.MultiIntern;

    /// <summary>A helix end in the exterior loop: terminal AU/GU and, with neighbours, dangles or mismatch.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int ExteriorStem(EnergyParameters p, int type, int n5, int n3) =>
        Dangle(p, p.MismatchExterior, type, n5, n3) + (type > 2 ? p.TerminalAu : 0);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Dangle(EnergyParameters p, int[] mismatch, int type, int n5, int n3)
    {
        if (n5 >= 0 && n3 >= 0)
        {
            return mismatch[EnergyParameters.M(type, n5, n3)];
        }
        if (n5 >= 0)
        {
            return p.Dangle5[(type * 5) + n5];
        }
        return n3 >= 0 ? p.Dangle3[(type * 5) + n3] : 0;
    }

    // ViennaRNA: (int)(lxc37 * log(n / 30.)), truncated toward zero.
    private static int Extrapolate(EnergyParameters p, int n) => (int)(p.Lxc * Math.Log(n / 30.0));
}
