using Care.Molecular.Rna;

namespace Care.Molecular.Design;

public sealed partial class LatticeDesigner
{
    private sealed partial class Search
    {
        private readonly byte[] _hairpin = new byte[SpecialHairpinMax + 2];
        private readonly int[] _hairpinLetters = new int[SpecialHairpinMax + 2];

        // Hairpins of 3–6 unpaired bases (where special tetra-, tri- and hexaloops live): every letter path is
        // scored with the exact hairpin energy. With a target (traceback) the first path within Eps is written out.
        private float ShortHairpin(int i, int a, int j, int b, int type, float ends, float? target)
        {
            var best = Inf;
            _hairpin[0] = _l.Base[i][a];
            _hairpin[j - i] = _l.Base[j][b];
            var found = false;
            void Walk(int pos, int prev, float cost)
            {
                if (found)
                {
                    return;
                }
                if (pos == j)
                {
                    if (!_l.Compatible(j - 1, prev, b))
                    {
                        return;
                    }
                    var v = ends + cost + LoopEnergy.Hairpin(_p, _hairpin.AsSpan(0, j - i + 1), 0, j - i, type);
                    if (target is { } t && v <= t + Eps)
                    {
                        found = true;
                        for (var k = i + 1; k < j; k++)
                        {
                            _letter[k] = _hairpinLetters[k - i];
                        }
                    }
                    best = Math.Min(best, v);
                    return;
                }
                for (var x = 0; x < _l.Count[pos]; x++)
                {
                    if (_l.Compatible(pos - 1, prev, x))
                    {
                        _hairpin[pos - i] = _l.Base[pos][x];
                        _hairpinLetters[pos - i] = x;
                        Walk(pos + 1, x, cost + _l.Cost[pos][x]);
                    }
                }
            }
            Walk(i + 1, a, 0);
            return target is not null && !found ? Inf : best;
        }

        private readonly record struct Side(int First, int Last, float Cost, int FirstBase, int LastBase);

        // Traceback of a loop with a side of ≥ 4 unpaired bases: finds a shape whose reduced value reaches the
        // target, then the letters of that shape by explicit enumeration with the exact loop energy.
        private float TraceDecomposed(int i, int a, int j, int b, int type, float ends, float target, Stack<(int Kind, int I, int A, int J, int B)> trace)
        {
            var slot = _scratch.AsSpan();
            Span<float> outer = stackalloc float[4];
            for (var n1 = 0; n1 <= _maxU; n1++)
            {
                for (var n2 = 0; n1 + n2 <= _maxU; n2++)
                {
                    if (Math.Max(n1, n2) <= ShortRun)
                    {
                        continue;
                    }
                    var p = i + n1 + 1;
                    var q = j - n2 - 1;
                    if (q - p - 1 < 3)
                    {
                        continue;
                    }
                    InnerSlot(p, q, slot);
                    var v = Inf;
                    if (n1 > ShortRun && n2 > ShortRun)
                    {
                        v = ends + OuterBoth(i, a, j, b, type) + slot[SG] + Mid(i + 1, p - 1) + Mid(q + 1, j - 1) + Size(n1, n2);
                    }
                    else if (n1 == 0)
                    {
                        for (var c = 0; c < _l.Count[p]; c++)
                        {
                            if (_l.Compatible(i, a, c))
                            {
                                v = Math.Min(v, ends + Au(type) + slot[SBR + c] + _p.Bulge[n2] + Mid(q, j));
                            }
                        }
                    }
                    else if (n2 == 0)
                    {
                        for (var d = 0; d < _l.Count[q]; d++)
                        {
                            if (_l.Compatible(q, d, b))
                            {
                                v = Math.Min(v, ends + Au(type) + _complete[i][a] + slot[SBL + d] + _p.Bulge[n1] + Mid(i, p));
                            }
                        }
                    }
                    else if (n1 <= ShortRun)
                    {
                        OuterRight(j, b, type, Mismatch(_p, n1 == 1), outer);
                        var off = n1 == 1 ? SR1 : SRI;
                        foreach (var lc in Left(i, a, n1))
                        {
                            v = Math.Min(v, ends + lc.Cost + outer[lc.Near - 1] + slot[off + (lc.Inner * 4) + lc.Far - 1] + Mid(q + 1, j - 1) + Size(n1, n2));
                        }
                    }
                    else
                    {
                        OuterLeft(i, a, type, Mismatch(_p, n2 == 1), outer);
                        var off = n2 == 1 ? SL1 : SLI;
                        foreach (var rc in Right(j, b, n2))
                        {
                            v = Math.Min(v, ends + rc.Cost + outer[rc.Far - 1] + slot[off + (rc.Inner * 4) + rc.Near - 1] + Mid(i + 1, p - 1) + Size(n1, n2));
                        }
                    }
                    if (v <= target + Eps && ExplicitShape(i, a, j, b, type, ends, n1, n2, target, trace) is var found && found < Inf)
                    {
                        return found;
                    }
                }
            }
            return Inf;
        }

        private float ExplicitShape(int i, int a, int j, int b, int type, float ends, int n1, int n2, float target, Stack<(int Kind, int I, int A, int J, int B)> trace)
        {
            var p = i + n1 + 1;
            var q = j - n2 - 1;
            for (var c = 0; c < _l.Count[p]; c++)
            {
                var lefts = Sides(i, a, p, c);
                for (var d = 0; d < _l.Count[q] && lefts.Count > 0; d++)
                {
                    var cv = CAt(p, c, q, d);
                    if (cv >= Inf)
                    {
                        continue;
                    }
                    var type2 = RnaBases.Pair(_l.Base[q][d], _l.Base[p][c]);
                    var rights = Sides(q, d, j, b);
                    foreach (var lo in lefts)
                    {
                        foreach (var ro in rights)
                        {
                            var v = ends + cv + lo.Cost + ro.Cost + LoopEnergy.Interior(_p, n1, n2, type, type2, lo.FirstBase, ro.LastBase, lo.LastBase, ro.FirstBase);
                            if (v <= target + Eps)
                            {
                                Place(i, p, lo);
                                Place(q, j, ro);
                                trace.Push((0, p, c, q, d));
                                return v;
                            }
                        }
                    }
                }
            }
            return Inf;
        }

        // The unpaired run strictly between s (letter sa) and t (letter tb): its end letters, cost and end bases.
        private List<Side> Sides(int s, int sa, int t, int tb)
        {
            var list = new List<Side>();
            var len = t - s - 1;
            if (len == 0)
            {
                if (_l.Compatible(s, sa, tb))
                {
                    list.Add(new Side(-1, -1, 0, 0, 0));
                }
                return list;
            }
            for (var x = 0; x < _l.Count[s + 1]; x++)
            {
                if (!_l.Compatible(s, sa, x))
                {
                    continue;
                }
                for (var y = 0; y < _l.Count[t - 1]; y++)
                {
                    if (!_l.Compatible(t - 1, y, tb) || (len == 1 && x != y))
                    {
                        continue;
                    }
                    var cost = len == 1 ? _l.Cost[s + 1][x] : _l.Cost[s + 1][x] + PathCost(s + 1, x, t - 1, y) + _l.Cost[t - 1][y];
                    if (cost >= Inf)
                    {
                        continue;
                    }
                    var bx = _l.Base[s + 1][x];
                    var by = _l.Base[t - 1][y];
                    list.Add(new Side(x, y, cost, bx, by));
                }
            }
            return list;
        }

        private void Place(int s, int t, Side side)
        {
            var len = t - s - 1;
            if (len == 0)
            {
                return;
            }
            _letter[s + 1] = side.First;
            _letter[t - 1] = side.Last;
            if (len >= 2)
            {
                FillPath(s + 1, side.First, t - 1, side.Last);
            }
        }
    }
}
