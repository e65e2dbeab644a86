using Care.Molecular.Rna;

namespace Care.Molecular.Design;

public sealed partial class LatticeDesigner
{
    /// <summary>
    /// Interior loops with a side of 4–30 unpaired bases, searched exactly without enumerating the
    /// letters inside the loop. When a side has ≥ 4 unpaired bases its two end letters lie in different
    /// codons, so the cheapest letters between them cost (completion of the first letter's codon) +
    /// (cheapest whole codons in between), independent of the far end. The loop energy of such loops
    /// (generic, 1×n, or bulge) is an outer term of the closing pair and its neighbours plus an inner
    /// term of the inner pair and its neighbours plus a size term, so the inner side is reduced once
    /// per (p, q) and the size per (i, j), as RNAfold and LinearDesign do for nucleotides.
    /// </summary>
    private sealed partial class Search
    {
        private const int ShortRun = 3;
        private const int SpecialHairpinMax = 6;
        private const int MinDecomposedSpan = 9;
        private const int Ring = 32;
        private const float Eps = 0.5f;

        // Slot layout per (p, q): G, R1[c*4+far], RI[c*4+far], L1[d*4+sq1], LI[d*4+sq1], bulgeR[c], bulgeL[d].
        private const int SG = 0;
        private const int SR1 = 1;
        private const int SRI = 25;
        private const int SL1 = 49;
        private const int SLI = 73;
        private const int SBR = 97;
        private const int SBL = 103;
        private const int Slot = 109;

        private readonly float[][] _complete;
        private readonly float[] _codonPrefix;
        private readonly float[][] _ring;
        private readonly float[] _rb = new float[(ShortRun + 1) * 24];
        private readonly float[] _lb = new float[(ShortRun + 1) * 24];
        private readonly float[] _br = new float[6];
        private readonly float[] _bl = new float[6];
        private readonly float[] _scratch = new float[Slot];
        private float _ll;

        // _complete[s][x]: cheapest completion of the codon of letter x at s (positions after s); _codonPrefix[k]: cheapest codons 0..k-1.
        private (float[][] Complete, float[] Prefix) Completion()
        {
            var complete = new float[_n][];
            for (var s = 0; s < _n; s++)
            {
                complete[s] = new float[_l.Count[s]];
                var end = (3 * (s / 3)) + 2;
                for (var x = 0; x < _l.Count[s]; x++)
                {
                    if (end == s)
                    {
                        continue;
                    }
                    var best = Inf;
                    for (var e = 0; e < _l.Count[end]; e++)
                    {
                        if (_l.Prefix[end][e].StartsWith(_l.Prefix[s][x], StringComparison.Ordinal))
                        {
                            best = Math.Min(best, _l.Cost[end][e]);
                        }
                    }
                    complete[s][x] = best;
                }
            }
            var codons = _n / 3;
            var prefix = new float[codons + 1];
            for (var k = 0; k < codons; k++)
            {
                prefix[k + 1] = prefix[k] + _l.Cost[(3 * k) + 2].Min();
            }
            return (complete, prefix);
        }

        // Cheapest whole codons strictly between the codons of positions s < t.
        private float Mid(int s, int t)
        {
            var a = (s / 3) + 1;
            var b = t / 3;
            return b > a ? _codonPrefix[b] - _codonPrefix[a] : 0;
        }

        private int Size(int n1, int n2) => _p.Interior[n1 + n2] + Math.Min(_p.MaxNinio, Math.Abs(n1 - n2) * _p.Ninio);

        private static int[] Mismatch(EnergyParameters p, bool oneByN) => oneByN ? p.MismatchInterior1N : p.MismatchInterior;

        // Reduces the inner side of every loop whose inner pair is (p, ·) once row p of C is complete.
        private void FillInnerRow(int p)
        {
            var row = _ring[p % Ring];
            for (var q = p + 4; q < _n; q++)
            {
                InnerSlot(p, q, row.AsSpan(q * Slot, Slot));
            }
        }

        private void InnerSlot(int p, int q, Span<float> slot)
        {
            slot.Fill(Inf);
            var m1 = _p.MismatchInterior1N;
            var mi = _p.MismatchInterior;
            for (var c = 0; c < _l.Count[p]; c++)
            {
                for (var d = 0; d < _l.Count[q]; d++)
                {
                    var cv = CAt(p, c, q, d);
                    if (cv >= Inf)
                    {
                        continue;
                    }
                    var t2 = RnaBases.Pair(_l.Base[q][d], _l.Base[p][c]);
                    var au = cv + Au(t2);
                    slot[SBR + c] = Math.Min(slot[SBR + c], au + _complete[q][d]);
                    slot[SBL + d] = Math.Min(slot[SBL + d], au);
                    if (q + 1 < _n)
                    {
                        for (var w = 0; w < _l.Count[q + 1]; w++)
                        {
                            if (!_l.Compatible(q, d, w))
                            {
                                continue;
                            }
                            var wc = cv + _l.Cost[q + 1][w] + _complete[q + 1][w];
                            var bw = _l.Base[q + 1][w];
                            for (var far = 1; far <= 4; far++)
                            {
                                var k = (c * 4) + far - 1;
                                slot[SR1 + k] = Math.Min(slot[SR1 + k], wc + m1[EnergyParameters.M(t2, bw, far)]);
                                slot[SRI + k] = Math.Min(slot[SRI + k], wc + mi[EnergyParameters.M(t2, bw, far)]);
                            }
                        }
                    }
                    if (p > 0)
                    {
                        for (var y = 0; y < _l.Count[p - 1]; y++)
                        {
                            if (!_l.Compatible(p - 1, y, c))
                            {
                                continue;
                            }
                            var yc = cv + _l.Cost[p - 1][y];
                            var by = _l.Base[p - 1][y];
                            for (var sq = 1; sq <= 4; sq++)
                            {
                                var k = (d * 4) + sq - 1;
                                slot[SL1 + k] = Math.Min(slot[SL1 + k], yc + m1[EnergyParameters.M(t2, sq, by)]);
                                slot[SLI + k] = Math.Min(slot[SLI + k], yc + mi[EnergyParameters.M(t2, sq, by)]);
                            }
                        }
                    }
                }
            }
            if (p > 0)
            {
                for (var c = 0; c < _l.Count[p]; c++)
                {
                    for (var y = 0; y < _l.Count[p - 1]; y++)
                    {
                        if (_l.Compatible(p - 1, y, c))
                        {
                            slot[SG] = Math.Min(slot[SG], slot[SRI + (c * 4) + _l.Base[p - 1][y] - 1] + _l.Cost[p - 1][y]);
                        }
                    }
                }
            }
        }

        private ReadOnlySpan<float> SlotOf(int p, int q) => _ring[p % Ring].AsSpan(q * Slot, Slot);

        // Per (i, j): the best inner side plus size term of each decomposed loop family, over all loop shapes.
        private void PrepareLoops(int i, int j)
        {
            _ll = Inf;
            Array.Fill(_rb, Inf);
            Array.Fill(_lb, Inf);
            Array.Fill(_br, Inf);
            Array.Fill(_bl, Inf);
            if (j - i - 1 < MinDecomposedSpan || _maxU <= ShortRun)
            {
                return;
            }
            for (var n1 = ShortRun + 1; n1 <= _maxU - ShortRun - 1; n1++)
            {
                var p = i + n1 + 1;
                if (j - p - 1 < 3 + ShortRun + 2)
                {
                    break;
                }
                var midL = Mid(i + 1, p - 1);
                for (var n2 = ShortRun + 1; n1 + n2 <= _maxU; n2++)
                {
                    var q = j - n2 - 1;
                    if (q - p - 1 < 3)
                    {
                        break;
                    }
                    var g = _ring[p % Ring][(q * Slot) + SG];
                    if (g < Inf)
                    {
                        _ll = Math.Min(_ll, g + midL + Mid(q + 1, j - 1) + Size(n1, n2));
                    }
                }
            }
            for (var n1 = 1; n1 <= ShortRun; n1++)
            {
                var p = i + n1 + 1;
                var off = n1 == 1 ? SR1 : SRI;
                for (var n2 = ShortRun + 1; n1 + n2 <= _maxU; n2++)
                {
                    var q = j - n2 - 1;
                    if (q - p - 1 < 3)
                    {
                        break;
                    }
                    var s = Mid(q + 1, j - 1) + Size(n1, n2);
                    var slot = SlotOf(p, q);
                    for (var k = 0; k < _l.Count[p] * 4; k++)
                    {
                        _rb[(n1 * 24) + k] = Math.Min(_rb[(n1 * 24) + k], slot[off + k] + s);
                    }
                }
            }
            for (var n2 = 1; n2 <= ShortRun; n2++)
            {
                var q = j - n2 - 1;
                var off = n2 == 1 ? SL1 : SLI;
                for (var n1 = ShortRun + 1; n1 + n2 <= _maxU; n1++)
                {
                    var p = i + n1 + 1;
                    if (q - p - 1 < 3)
                    {
                        break;
                    }
                    var s = Mid(i + 1, p - 1) + Size(n1, n2);
                    var slot = SlotOf(p, q);
                    for (var k = 0; k < _l.Count[q] * 4; k++)
                    {
                        _lb[(n2 * 24) + k] = Math.Min(_lb[(n2 * 24) + k], slot[off + k] + s);
                    }
                }
            }
            for (var n2 = ShortRun + 1; n2 <= _maxU; n2++)
            {
                var p = i + 1;
                var q = j - n2 - 1;
                if (q - p - 1 < 3)
                {
                    break;
                }
                var s = _p.Bulge[n2] + Mid(q, j);
                var slot = SlotOf(p, q);
                for (var c = 0; c < _l.Count[p]; c++)
                {
                    _br[c] = Math.Min(_br[c], slot[SBR + c] + s);
                }
            }
            for (var n1 = ShortRun + 1; n1 <= _maxU; n1++)
            {
                var p = i + n1 + 1;
                var q = j - 1;
                if (q - p - 1 < 3)
                {
                    break;
                }
                var s = _p.Bulge[n1] + Mid(i, p);
                var slot = SlotOf(p, q);
                for (var d = 0; d < _l.Count[q]; d++)
                {
                    _bl[d] = Math.Min(_bl[d], slot[SBL + d] + s);
                }
            }
        }

        // Outer side of a generic loop with both sides long: mismatch of (i, j) with letters x at i+1, z at j-1.
        private float OuterBoth(int i, int a, int j, int b, int type)
        {
            var best = Inf;
            var mi = _p.MismatchInterior;
            for (var x = 0; x < _l.Count[i + 1]; x++)
            {
                if (!_l.Compatible(i, a, x))
                {
                    continue;
                }
                var xc = _l.Cost[i + 1][x] + _complete[i + 1][x];
                for (var z = 0; z < _l.Count[j - 1]; z++)
                {
                    if (_l.Compatible(j - 1, z, b))
                    {
                        best = Math.Min(best, xc + _l.Cost[j - 1][z] + mi[EnergyParameters.M(type, _l.Base[i + 1][x], _l.Base[j - 1][z])]);
                    }
                }
            }
            return best;
        }

        // Outer side when the right side is long: best over z at j-1 for each base next to i (si1).
        private void OuterRight(int j, int b, int type, int[] mm, Span<float> bySi1)
        {
            bySi1.Fill(Inf);
            for (var z = 0; z < _l.Count[j - 1]; z++)
            {
                if (!_l.Compatible(j - 1, z, b))
                {
                    continue;
                }
                for (var si = 1; si <= 4; si++)
                {
                    bySi1[si - 1] = Math.Min(bySi1[si - 1], _l.Cost[j - 1][z] + mm[EnergyParameters.M(type, si, _l.Base[j - 1][z])]);
                }
            }
        }

        // Outer side when the left side is long: best over x at i+1 for each base next to j (sj1).
        private void OuterLeft(int i, int a, int type, int[] mm, Span<float> bySj1)
        {
            bySj1.Fill(Inf);
            for (var x = 0; x < _l.Count[i + 1]; x++)
            {
                if (!_l.Compatible(i, a, x))
                {
                    continue;
                }
                var xc = _l.Cost[i + 1][x] + _complete[i + 1][x];
                for (var sj = 1; sj <= 4; sj++)
                {
                    bySj1[sj - 1] = Math.Min(bySj1[sj - 1], xc + mm[EnergyParameters.M(type, _l.Base[i + 1][x], sj)]);
                }
            }
        }

        private float DecomposedBest(int i, int a, int j, int b, int type, float ends)
        {
            var best = Inf;
            if (_ll < Inf)
            {
                best = Math.Min(best, ends + OuterBoth(i, a, j, b, type) + _ll);
            }
            Span<float> outer = stackalloc float[4];
            for (var n1 = 1; n1 <= ShortRun; n1++)
            {
                OuterRight(j, b, type, Mismatch(_p, n1 == 1), outer);
                foreach (var lc in Left(i, a, n1))
                {
                    var v = _rb[(n1 * 24) + (lc.Inner * 4) + lc.Far - 1];
                    if (v < Inf)
                    {
                        best = Math.Min(best, ends + lc.Cost + outer[lc.Near - 1] + v);
                    }
                }
            }
            for (var n2 = 1; n2 <= ShortRun; n2++)
            {
                OuterLeft(i, a, type, Mismatch(_p, n2 == 1), outer);
                foreach (var rc in Right(j, b, n2))
                {
                    var v = _lb[(n2 * 24) + (rc.Inner * 4) + rc.Near - 1];
                    if (v < Inf)
                    {
                        best = Math.Min(best, ends + rc.Cost + outer[rc.Far - 1] + v);
                    }
                }
            }
            for (var c = 0; c < _l.Count[i + 1]; c++)
            {
                if (_l.Compatible(i, a, c) && _br[c] < Inf)
                {
                    best = Math.Min(best, ends + Au(type) + _br[c]);
                }
            }
            for (var d = 0; d < _l.Count[j - 1]; d++)
            {
                if (_l.Compatible(j - 1, d, b) && _bl[d] < Inf)
                {
                    best = Math.Min(best, ends + Au(type) + _complete[i][a] + _bl[d]);
                }
            }
            return best;
        }

        private static Chain[] Dedupe(List<Chain> list)
        {
            var best = new Dictionary<(int, int, int), Chain>();
            foreach (var c in list)
            {
                var key = (c.Inner, c.Near, c.Far);
                if (!best.TryGetValue(key, out var old) || c.Cost < old.Cost)
                {
                    best[key] = c;
                }
            }
            return [.. best.Values];
        }
    }
}
