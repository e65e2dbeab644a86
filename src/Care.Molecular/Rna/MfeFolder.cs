using System.Numerics;
using System.Runtime.InteropServices;

namespace Care.Molecular.Rna;

/// <summary>
/// Minimum-free-energy folding (Zuker–Stiegler) in the nearest-neighbour model with the loop limits
/// of ViennaRNA's <c>RNAfold</c>: hairpins of at least 3 nt, interior loops of at most 30 unpaired
/// bases, canonical pairs only, lonely pairs allowed. Memory is 3 n² integers (n = length); time
/// O(n³) for multi-loops (vectorised) and O(n² · 30²) for interior loops.
/// Thread-safe: every call allocates its own tables.
/// </summary>
/// <remarks>
/// Ties (several structures with the MFE) are broken like ViennaRNA's backtracking: a 3′ base
/// unpaired before a pair in the exterior loop, the pair with the largest 5′ start, hairpin before
/// interior before multi-loop, interior loops with the innermost-left inner pair first.
/// </remarks>
public sealed class MfeFolder
{
    private const int Turn = 3;
    private const int Inf = EnergyParameters.Infinity;
    private readonly EnergyParameters _p;

    /// <summary>Creates a folder over parameter set <paramref name="parameters"/>.</summary>
    public MfeFolder(EnergyParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        _p = parameters;
    }

    /// <summary>Folds <paramref name="sequence"/> (ACGU; T read as U).</summary>
    /// <exception cref="Care.Core.Errors.InvalidInputException">A character that is not a base (position named).</exception>
    public FoldResult Fold(string sequence, Dangles dangles) => Fold(RnaBases.Encode(sequence), dangles);

    /// <summary>Folds an encoded sequence (codes 1–4, see <see cref="RnaBases"/>).</summary>
    public FoldResult Fold(ReadOnlySpan<byte> seq, Dangles dangles)
    {
        var n = seq.Length;
        var d2 = dangles == Dangles.Double;
        var c = new int[n * n];
        var fml = new int[n * n];
        var fmlT = new int[n * n];
        Array.Fill(c, Inf);
        Array.Fill(fml, Inf);
        Array.Fill(fmlT, Inf);
        for (var i = n - 1; i >= 0; i--)
        {
            for (var j = i + Turn + 1; j < n; j++)
            {
                var type = RnaBases.Pair(seq[i], seq[j]);
                var cij = Inf;
                if (type != 0)
                {
                    cij = Math.Min(LoopEnergy.Hairpin(_p, seq, i, j, type), BestInterior(seq, c, n, i, j, type));
                    if (j - i - 1 >= 2 * (Turn + 2))
                    {
                        var m = MinSum(fml.AsSpan(((i + 1) * n) + i + Turn + 2, j - i - (2 * Turn) - 4), fmlT.AsSpan(((j - 1) * n) + i + Turn + 3, j - i - (2 * Turn) - 4));
                        cij = Math.Min(cij, m + _p.MultiClosing + LoopEnergy.MultiStem(_p, RnaBases.Pair(seq[j], seq[i]), d2 ? seq[j - 1] : -1, d2 ? seq[i + 1] : -1));
                    }
                }
                c[(i * n) + j] = cij;
                var v = Math.Min(fml[((i + 1) * n) + j], fml[(i * n) + j - 1]) + _p.MultiBase;
                if (cij < Inf)
                {
                    v = Math.Min(v, cij + StemMulti(seq, n, i, j, type, d2));
                }
                if (j - i + 1 >= 2 * (Turn + 2))
                {
                    // fML[i][k-1] + fML[k][j] for k in [i+Turn+2, j-Turn-1]
                    var count = j - i - (2 * Turn) - 2;
                    v = Math.Min(v, MinSum(fml.AsSpan((i * n) + i + Turn + 1, count), fmlT.AsSpan((j * n) + i + Turn + 2, count)));
                }
                v = Math.Min(v, Inf);
                fml[(i * n) + j] = v;
                fmlT[(j * n) + i] = v;
            }
        }
        var f5 = new int[n + 1];
        for (var j = 1; j <= n; j++)
        {
            var best = f5[j - 1];
            for (var k = j - Turn - 2; k >= 0; k--)
            {
                var ckj = c[(k * n) + j - 1];
                if (ckj < Inf)
                {
                    best = Math.Min(best, f5[k] + ckj + StemExterior(seq, n, k, j - 1, d2));
                }
            }
            f5[j] = best;
        }
        var pairs = new int[n];
        Array.Fill(pairs, -1);
        Backtrack(seq, c, fml, f5, pairs, d2);
        return new FoldResult(DotBracket.Format(pairs), f5[n]);
    }

    private int StemMulti(ReadOnlySpan<byte> seq, int n, int i, int j, int type, bool d2) =>
        LoopEnergy.MultiStem(_p, type, d2 && i > 0 ? seq[i - 1] : -1, d2 && j < n - 1 ? seq[j + 1] : -1);

    private int StemExterior(ReadOnlySpan<byte> seq, int n, int i, int j, bool d2) =>
        LoopEnergy.ExteriorStem(_p, RnaBases.Pair(seq[i], seq[j]), d2 && i > 0 ? seq[i - 1] : -1, d2 && j < n - 1 ? seq[j + 1] : -1);

    private int BestInterior(ReadOnlySpan<byte> seq, int[] c, int n, int i, int j, int type)
    {
        var best = Inf;
        int si = seq[i + 1], sj = seq[j - 1];
        var maxP = Math.Min(i + EnergyParameters.MaxLoop + 1, j - Turn - 2);
        for (var p = i + 1; p <= maxP; p++)
        {
            var n1 = p - i - 1;
            var minQ = Math.Max(p + Turn + 1, j - 1 - (EnergyParameters.MaxLoop - n1));
            var row = p * n;
            var sp = seq[p];
            var sp1 = seq[p - 1];
            for (var q = j - 1; q >= minQ; q--)
            {
                var cpq = c[row + q];
                if (cpq >= Inf)
                {
                    continue;
                }
                var e = cpq + LoopEnergy.Interior(_p, n1, j - q - 1, type, RnaBases.Pair(seq[q], sp), si, sj, sp1, seq[q + 1]);
                if (e < best)
                {
                    best = e;
                }
            }
        }
        return best;
    }

    /// <summary>min over t of a[t] + b[t] (both the same length), Inf when empty.</summary>
    internal static int MinSum(ReadOnlySpan<int> a, ReadOnlySpan<int> b)
    {
        var best = Inf;
        var t = 0;
        if (Vector.IsHardwareAccelerated && a.Length >= Vector<int>.Count)
        {
            var acc = new Vector<int>(Inf);
            var va = MemoryMarshal.Cast<int, Vector<int>>(a);
            var vb = MemoryMarshal.Cast<int, Vector<int>>(b);
            // Cast lengths equal because a and b have the same length.
            for (var v = 0; v < va.Length; v++)
            {
                acc = Vector.Min(acc, va[v] + vb[v]);
            }
            for (var k = 0; k < Vector<int>.Count; k++)
            {
                best = Math.Min(best, acc[k]);
            }
            t = va.Length * Vector<int>.Count;
        }
        for (; t < a.Length; t++)
        {
            best = Math.Min(best, a[t] + b[t]);
        }
        return best;
    }

    private void Backtrack(ReadOnlySpan<byte> seq, int[] c, int[] fml, int[] f5, int[] pairs, bool d2)
    {
        var n = seq.Length;
        var work = new Stack<(int Kind, int I, int J)>();
        var j0 = n;
        while (j0 > 0)
        {
            if (f5[j0] == f5[j0 - 1])
            {
                j0--;
                continue;
            }
            var found = false;
            for (var k = j0 - Turn - 2; k >= 0 && !found; k--)
            {
                var ckj = c[(k * n) + j0 - 1];
                if (ckj < Inf && f5[k] + ckj + StemExterior(seq, n, k, j0 - 1, d2) == f5[j0])
                {
                    work.Push((0, k, j0 - 1));
                    j0 = k;
                    found = true;
                }
            }
            if (!found)
            {
                throw new InvalidOperationException("backtracking failed in the exterior loop");
            }
        }
        while (work.Count > 0)
        {
            var (kind, i, j) = work.Pop();
            if (kind == 0)
            {
                BacktrackPair(seq, c, fml, pairs, work, i, j, d2);
            }
            else
            {
                BacktrackMulti(seq, c, fml, work, i, j, d2);
            }
        }
    }

    private void BacktrackPair(ReadOnlySpan<byte> seq, int[] c, int[] fml, int[] pairs, Stack<(int Kind, int I, int J)> work, int i, int j, bool d2)
    {
        var n = seq.Length;
        pairs[i] = j;
        pairs[j] = i;
        var cij = c[(i * n) + j];
        var type = RnaBases.Pair(seq[i], seq[j]);
        if (cij == LoopEnergy.Hairpin(_p, seq, i, j, type))
        {
            return;
        }
        var maxP = Math.Min(i + EnergyParameters.MaxLoop + 1, j - Turn - 2);
        for (var p = i + 1; p <= maxP; p++)
        {
            var n1 = p - i - 1;
            var minQ = Math.Max(p + Turn + 1, j - 1 - (EnergyParameters.MaxLoop - n1));
            for (var q = j - 1; q >= minQ; q--)
            {
                var cpq = c[(p * n) + q];
                if (cpq < Inf && cij == cpq + LoopEnergy.Interior(_p, n1, j - q - 1, type, RnaBases.Pair(seq[q], seq[p]), seq[i + 1], seq[j - 1], seq[p - 1], seq[q + 1]))
                {
                    work.Push((0, p, q));
                    return;
                }
            }
        }
        var closing = _p.MultiClosing + LoopEnergy.MultiStem(_p, RnaBases.Pair(seq[j], seq[i]), d2 ? seq[j - 1] : -1, d2 ? seq[i + 1] : -1);
        for (var k = i + Turn + 2; k <= j - Turn - 3; k++)
        {
            if (cij == fml[((i + 1) * n) + k] + fml[((k + 1) * n) + j - 1] + closing)
            {
                work.Push((1, i + 1, k));
                work.Push((1, k + 1, j - 1));
                return;
            }
        }
        throw new InvalidOperationException($"backtracking failed at pair ({i + 1}, {j + 1})");
    }

    private void BacktrackMulti(ReadOnlySpan<byte> seq, int[] c, int[] fml, Stack<(int Kind, int I, int J)> work, int i, int j, bool d2)
    {
        var n = seq.Length;
        var v = fml[(i * n) + j];
        if (fml[(i * n) + j - 1] + _p.MultiBase == v)
        {
            work.Push((1, i, j - 1));
            return;
        }
        if (fml[((i + 1) * n) + j] + _p.MultiBase == v)
        {
            work.Push((1, i + 1, j));
            return;
        }
        var cij = c[(i * n) + j];
        if (cij < Inf && cij + StemMulti(seq, n, i, j, RnaBases.Pair(seq[i], seq[j]), d2) == v)
        {
            work.Push((0, i, j));
            return;
        }
        for (var k = i + Turn + 2; k <= j - Turn - 1; k++)
        {
            if (fml[(i * n) + k - 1] + fml[(k * n) + j] == v)
            {
                work.Push((1, i, k - 1));
                work.Push((1, k, j));
                return;
            }
        }
        throw new InvalidOperationException($"backtracking failed in a multi-loop ({i + 1}, {j + 1})");
    }
}
