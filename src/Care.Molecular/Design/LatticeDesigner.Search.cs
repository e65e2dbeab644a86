using Care.Molecular.Rna;

namespace Care.Molecular.Design;

public sealed partial class LatticeDesigner
{
    /// <summary>The dynamic programme over (i, letter at i, j, letter at j); energies in dcal/mol as float.</summary>
    private sealed partial class Search
    {
        private const float Inf = CodonLattice.Inf;
        private const int MaxPath = 32;
        private readonly EnergyParameters _p;
        private readonly CodonLattice _l;
        private readonly int _n;
        private readonly int _maxU;
        private readonly long[] _off;
        private readonly long[] _offOpen;
        private readonly float[] _c;
        private readonly float[] _m;
        private readonly float[] _s2;
        private readonly float[] _mo;
        private readonly float[][][] _reach;
        private readonly Chain[][][][] _left;
        private readonly Chain[][][][] _right;
        private readonly int _stemMulti;
        private readonly int[] _letter;

        // A run of letters beside a pair in an interior loop: the pair's letter, the bases that the
        // loop energy reads (si1/sp1 on the left, sq1/sj1 on the right), the cost and the letters used.
        private readonly record struct Chain(int Inner, int Near, int Far, float Cost, int[] Letters);

        public Search(EnergyParameters p, CodonLattice lattice, int maxInteriorUnpaired, int beam)
        {
            _p = p;
            _l = lattice;
            _n = lattice.N;
            _maxU = Math.Clamp(maxInteriorUnpaired, 0, EnergyParameters.MaxLoop);
            _beam = beam;
            if (beam > 0)
            {
                // Beam mode: no n² tables at all.
                _off = [];
                _offOpen = [];
                _c = [];
                _m = [];
                _s2 = [];
                _mo = [];
                AllocateBeam();
            }
            else
            {
                _off = new long[_n * _n];
                long total = 0;
                for (var i = 0; i < _n; i++)
                {
                    for (var j = i; j < _n; j++)
                    {
                        _off[(i * _n) + j] = total;
                        total += _l.Count[i] * _l.Count[j];
                    }
                }
                _offOpen = new long[_n * _n];
                long totalOpen = 0;
                for (var i = 0; i < _n; i++)
                {
                    for (var j = i; j < _n - 1; j++)
                    {
                        _offOpen[(i * _n) + j] = totalOpen;
                        totalOpen += _l.Count[i] * _l.Count[j + 1];
                    }
                }
                _c = Filled(total);
                _m = Filled(total);
                _s2 = Filled(total);
                _mo = Filled(Math.Max(totalOpen, 1));
            }
            _reach = Reach();
            _left = new Chain[_n][][][];
            _right = new Chain[_n][][][];
            _stemMulti = p.MultiIntern;
            _letter = new int[_n];
            Array.Fill(_letter, -1);
            (_complete, _codonPrefix) = Completion();
            _ring = new float[Ring][];
            for (var r = 0; r < Ring; r++)
            {
                _ring[r] = new float[_n * Slot];
            }
        }

        private static float[] Filled(long size)
        {
            var a = new float[size];
            Array.Fill(a, Inf);
            return a;
        }

        private long Idx(int i, int a, int j, int b) => _off[(i * _n) + j] + (a * _l.Count[j]) + b;

        private long IdxOpen(int i, int a, int j, int f) => _offOpen[(i * _n) + j] + (a * _l.Count[j + 1]) + f;

        private int Type(int i, int a, int j, int b) => RnaBases.Pair(_l.Base[i][a], _l.Base[j][b]);

        private int Au(int type) => type > 2 ? _p.TerminalAu : 0;

        // _reach[s][a][d * 6 + b]: cheapest letters at s+1 .. s+d-1 after letter a at s, ending before letter b at s+d (b's cost excluded).
        private float[][][] Reach()
        {
            var reach = new float[_n][][];
            for (var s = 0; s < _n; s++)
            {
                reach[s] = new float[_l.Count[s]][];
                for (var a = 0; a < _l.Count[s]; a++)
                {
                    var r = new float[(MaxPath + 1) * 6];
                    Array.Fill(r, Inf);
                    if (s + 1 < _n)
                    {
                        for (var b = 0; b < _l.Count[s + 1]; b++)
                        {
                            if (_l.Compatible(s, a, b))
                            {
                                r[6 + b] = 0;
                            }
                        }
                    }
                    for (var d = 1; d < MaxPath && s + d + 1 < _n; d++)
                    {
                        var t = s + d;
                        for (var b = 0; b < _l.Count[t]; b++)
                        {
                            var v = r[(d * 6) + b];
                            if (v >= Inf)
                            {
                                continue;
                            }
                            v += _l.Cost[t][b];
                            for (var c = 0; c < _l.Count[t + 1]; c++)
                            {
                                if (_l.Compatible(t, b, c) && v < r[((d + 1) * 6) + c])
                                {
                                    r[((d + 1) * 6) + c] = v;
                                }
                            }
                        }
                    }
                    reach[s][a] = r;
                }
            }
            return reach;
        }

        private float PathCost(int s, int a, int t, int b) => t - s > MaxPath ? Inf : _reach[s][a][((t - s) * 6) + b];

        private void FillPath(int s, int a, int t, int b)
        {
            while (t - s > 1)
            {
                var target = PathCost(s, a, t, b);
                var found = -1;
                for (var y = 0; y < _l.Count[t - 1] && found < 0; y++)
                {
                    if (_l.Compatible(t - 1, y, b) && PathCost(s, a, t - 1, y) + _l.Cost[t - 1][y] == target)
                    {
                        found = y;
                    }
                }
                if (found < 0)
                {
                    throw new InvalidOperationException("path traceback failed");
                }
                _letter[t - 1] = found;
                t--;
                b = found;
            }
        }

        // Left chains of a loop closed at i (letter a) with n1 unpaired: the inner pair's letter at p = i + n1 + 1.
        private Chain[] Left(int i, int a, int n1)
        {
            _left[i] ??= new Chain[_l.Count[i]][][];
            _left[i][a] ??= new Chain[ShortRun + 1][];
            if (_left[i][a][n1] is { } cached)
            {
                return cached;
            }
            var list = new List<Chain>();
            var p = i + n1 + 1;
            if (p < _n)
            {
                var run = new int[n1 + 1];
                void Walk(int pos, int prev, float cost)
                {
                    for (var x = 0; x < _l.Count[pos]; x++)
                    {
                        if (!_l.Compatible(pos - 1, prev, x))
                        {
                            continue;
                        }
                        run[pos - i - 1] = x;
                        if (pos == p)
                        {
                            var si1 = _l.Base[i + 1][run[0]];
                            var sp1 = n1 == 0 ? _l.Base[i][a] : _l.Base[p - 1][run[n1 - 1]];
                            list.Add(new Chain(x, si1, sp1, cost, (int[])run.Clone()));
                        }
                        else
                        {
                            Walk(pos + 1, x, cost + _l.Cost[pos][x]);
                        }
                    }
                }
                Walk(i + 1, a, 0);
            }
            return _left[i][a][n1] = Dedupe(list);
        }

        // Right chains of a loop closed at j (letter b) with n2 unpaired: the inner pair's letter at q = j - n2 - 1.
        private Chain[] Right(int j, int b, int n2)
        {
            _right[j] ??= new Chain[_l.Count[j]][][];
            _right[j][b] ??= new Chain[ShortRun + 1][];
            if (_right[j][b][n2] is { } cached)
            {
                return cached;
            }
            var list = new List<Chain>();
            var q = j - n2 - 1;
            if (q >= 0)
            {
                var run = new int[n2 + 1];
                void Walk(int pos, int next, float cost)
                {
                    for (var x = 0; x < _l.Count[pos]; x++)
                    {
                        if (!_l.Compatible(pos, x, next))
                        {
                            continue;
                        }
                        run[j - 1 - pos] = x;
                        if (pos == q)
                        {
                            var sj1 = _l.Base[j - 1][run[0]];
                            var sq1 = n2 == 0 ? _l.Base[j][b] : _l.Base[q + 1][run[n2 - 1]];
                            list.Add(new Chain(x, sq1, sj1, cost, (int[])run.Clone()));
                        }
                        else
                        {
                            Walk(pos - 1, x, cost + _l.Cost[pos][x]);
                        }
                    }
                }
                Walk(j - 1, b, 0);
            }
            return _right[j][b][n2] = Dedupe(list);
        }

        public (int[] Letters, double Objective) Run()
        {
            if (_beam > 0)
            {
                return RunBeam();
            }
            for (var i = _n - 1; i >= 0; i--)
            {
                for (var j = i + 4; j < _n; j++)
                {
                    PrepareLoops(i, j);
                    for (var a = 0; a < _l.Count[i]; a++)
                    {
                        for (var b = 0; b < _l.Count[j]; b++)
                        {
                            var x = Idx(i, a, j, b);
                            var c = PairValue(i, a, j, b, null);
                            _c[x] = c;
                            _s2[x] = SplitValue(i, a, j, b, null);
                            _m[x] = MultiValue(i, a, j, b, null);
                        }
                    }
                    if (j < _n - 1)
                    {
                        for (var a = 0; a < _l.Count[i]; a++)
                        {
                            for (var f = 0; f < _l.Count[j + 1]; f++)
                            {
                                var best = Inf;
                                for (var e = 0; e < _l.Count[j]; e++)
                                {
                                    if (_l.Compatible(j, e, f))
                                    {
                                        best = Math.Min(best, _m[Idx(i, a, j, e)]);
                                    }
                                }
                                _mo[IdxOpen(i, a, j, f)] = best;
                            }
                        }
                    }
                }
                FillInnerRow(i);
            }
            return Exterior();
        }

        private float PairValue(int i, int a, int j, int b, Stack<(int Kind, int I, int A, int J, int B)>? trace)
        {
            var type = Type(i, a, j, b);
            if (type == 0)
            {
                return Inf;
            }
            var target = trace is null ? 0 : CAt(i, a, j, b);
            var ends = _l.Cost[i][a] + _l.Cost[j][b];
            var best = Inf;
            var h = j - i - 1;
            if (h is >= 3 and <= SpecialHairpinMax)
            {
                var v = ShortHairpin(i, a, j, b, type, ends, trace is null ? null : target);
                if (trace is not null && v <= target + Eps)
                {
                    return v;
                }
                best = Math.Min(best, v);
            }
            else if (h > SpecialHairpinMax && h <= EnergyParameters.MaxLoop)
            {
                for (var x = 0; x < _l.Count[i + 1]; x++)
                {
                    if (!_l.Compatible(i, a, x))
                    {
                        continue;
                    }
                    for (var z = 0; z < _l.Count[j - 1]; z++)
                    {
                        if (!_l.Compatible(j - 1, z, b))
                        {
                            continue;
                        }
                        var v = ends + _p.Hairpin[h] + _p.MismatchHairpin[EnergyParameters.M(type, _l.Base[i + 1][x], _l.Base[j - 1][z])]
                            + _l.Cost[i + 1][x] + _l.Cost[j - 1][z] + PathCost(i + 1, x, j - 1, z);
                        if (trace is not null && v <= target + Eps)
                        {
                            _letter[i + 1] = x;
                            _letter[j - 1] = z;
                            FillPath(i + 1, x, j - 1, z);
                            return v;
                        }
                        best = Math.Min(best, v);
                    }
                }
            }
            for (var n1 = 0; n1 <= Math.Min(ShortRun, _maxU); n1++)
            {
                for (var n2 = 0; n2 <= ShortRun && n1 + n2 <= _maxU; n2++)
                {
                    var pp = i + n1 + 1;
                    var q = j - n2 - 1;
                    if (q - pp - 1 < 3)
                    {
                        continue;
                    }
                    var left = Left(i, a, n1);
                    var right = Right(j, b, n2);
                    foreach (var lc in left)
                    {
                        foreach (var rc in right)
                        {
                            var inner = CAt(pp, lc.Inner, q, rc.Inner);
                            if (inner >= Inf)
                            {
                                continue;
                            }
                            var type2 = RnaBases.Pair(_l.Base[q][rc.Inner], _l.Base[pp][lc.Inner]);
                            var v = ends + inner + lc.Cost + rc.Cost + LoopEnergy.Interior(_p, n1, n2, type, type2, lc.Near, rc.Far, lc.Far, rc.Near);
                            if (trace is not null && v <= target + Eps)
                            {
                                for (var t = 0; t < n1; t++)
                                {
                                    _letter[i + 1 + t] = lc.Letters[t];
                                }
                                for (var t = 0; t < n2; t++)
                                {
                                    _letter[j - 1 - t] = rc.Letters[t];
                                }
                                trace.Push((0, pp, lc.Inner, q, rc.Inner));
                                return v;
                            }
                            best = Math.Min(best, v);
                        }
                    }
                }
            }
            if (j - i - 1 >= MinDecomposedSpan && _maxU > ShortRun)
            {
                if (trace is null)
                {
                    best = Math.Min(best, DecomposedBest(i, a, j, b, type, ends));
                }
                else if (TraceDecomposed(i, a, j, b, type, ends, target, trace) is var found && found < Inf)
                {
                    return found;
                }
            }
            if (h >= 10)
            {
                var closing = ends + _p.MultiClosing + _stemMulti + Au(RnaBases.Pair(_l.Base[j][b], _l.Base[i][a]));
                for (var c = 0; c < _l.Count[i + 1]; c++)
                {
                    if (!_l.Compatible(i, a, c))
                    {
                        continue;
                    }
                    for (var d = 0; d < _l.Count[j - 1]; d++)
                    {
                        if (!_l.Compatible(j - 1, d, b))
                        {
                            continue;
                        }
                        var v = closing + S2At(i + 1, c, j - 1, d);
                        if (trace is not null && v <= target + Eps)
                        {
                            trace.Push((2, i + 1, c, j - 1, d));
                            return v;
                        }
                        best = Math.Min(best, v);
                    }
                }
            }
            if (trace is not null)
            {
                throw new InvalidOperationException($"traceback failed at pair ({i + 1}, {j + 1})");
            }
            return best;
        }

        private float SplitValue(int i, int a, int j, int b, Stack<(int Kind, int I, int A, int J, int B)>? trace)
        {
            var target = trace is null ? 0 : _s2[Idx(i, a, j, b)];
            var best = Inf;
            for (var k = i + 4; k <= j - 5; k++)
            {
                for (var f = 0; f < _l.Count[k + 1]; f++)
                {
                    var v = _mo[IdxOpen(i, a, k, f)] + _m[Idx(k + 1, f, j, b)];
                    if (trace is not null && v <= target + Eps && v < Inf)
                    {
                        var left = _mo[IdxOpen(i, a, k, f)];
                        for (var e = 0; e < _l.Count[k]; e++)
                        {
                            if (_l.Compatible(k, e, f) && _m[Idx(i, a, k, e)] <= left + Eps)
                            {
                                trace.Push((1, i, a, k, e));
                                trace.Push((1, k + 1, f, j, b));
                                return v;
                            }
                        }
                    }
                    best = Math.Min(best, v);
                }
            }
            if (trace is not null)
            {
                throw new InvalidOperationException("traceback failed in a multi-loop split");
            }
            return best;
        }

        private float MultiValue(int i, int a, int j, int b, Stack<(int Kind, int I, int A, int J, int B)>? trace)
        {
            var x = Idx(i, a, j, b);
            var target = trace is null ? 0 : _m[x];
            var type = Type(i, a, j, b);
            var best = Inf;
            if (type != 0 && _c[x] < Inf)
            {
                var v = _c[x] + _stemMulti + Au(type);
                if (trace is not null && v <= target + Eps)
                {
                    trace.Push((0, i, a, j, b));
                    return v;
                }
                best = v;
            }
            for (var c = 0; c < _l.Count[j - 1]; c++)
            {
                if (_l.Compatible(j - 1, c, b))
                {
                    var v = _m[Idx(i, a, j - 1, c)] + _l.Cost[j][b] + _p.MultiBase;
                    if (trace is not null && v <= target + Eps)
                    {
                        trace.Push((1, i, a, j - 1, c));
                        return v;
                    }
                    best = Math.Min(best, v);
                }
            }
            for (var c = 0; c < _l.Count[i + 1]; c++)
            {
                if (_l.Compatible(i, a, c))
                {
                    var v = _m[Idx(i + 1, c, j, b)] + _l.Cost[i][a] + _p.MultiBase;
                    if (trace is not null && v <= target + Eps)
                    {
                        trace.Push((1, i + 1, c, j, b));
                        return v;
                    }
                    best = Math.Min(best, v);
                }
            }
            var s = _s2[x];
            if (trace is not null && s <= target + Eps)
            {
                trace.Push((2, i, a, j, b));
                return s;
            }
            best = Math.Min(best, s);
            if (trace is not null)
            {
                throw new InvalidOperationException("traceback failed in a multi-loop");
            }
            return best;
        }

        private (int[] Letters, double Objective) Exterior()
        {
            // f[j][b]: best over positions 0..j with letter b at j (costs included); open[k][f] = min_e f[k-1][e], e compatible with f at k.
            var f = new float[_n][];
            var open = new float[_n][];
            for (var j = 0; j < _n; j++)
            {
                f[j] = new float[_l.Count[j]];
                open[j] = new float[_l.Count[j]];
                for (var b = 0; b < _l.Count[j]; b++)
                {
                    open[j][b] = j == 0 ? 0 : Inf;
                    if (j > 0)
                    {
                        for (var e = 0; e < _l.Count[j - 1]; e++)
                        {
                            if (_l.Compatible(j - 1, e, b))
                            {
                                open[j][b] = Math.Min(open[j][b], f[j - 1][e]);
                            }
                        }
                    }
                    f[j][b] = ExteriorValue(f, open, j, b, null);
                }
            }
            var end = 0;
            for (var b = 1; b < _l.Count[_n - 1]; b++)
            {
                if (f[_n - 1][b] < f[_n - 1][end])
                {
                    end = b;
                }
            }
            var objective = f[_n - 1][end];
            var work = new Stack<(int Kind, int I, int A, int J, int B)>();
            var (jj, bb) = (_n - 1, end);
            while (jj >= 0)
            {
                _letter[jj] = bb;
                (jj, bb) = ExteriorTrace(f, open, jj, bb, work);
            }
            while (work.Count > 0)
            {
                var (kind, i, a, j, b) = work.Pop();
                _letter[i] = a;
                _letter[j] = b;
                _ = kind switch
                {
                    0 => PairValue(i, a, j, b, work),
                    1 => MultiValue(i, a, j, b, work),
                    _ => SplitValue(i, a, j, b, work),
                };
            }
            if (Array.IndexOf(_letter, -1) is var missing and >= 0)
            {
                throw new InvalidOperationException($"traceback left position {missing + 1} unassigned");
            }
            return (_letter, objective);
        }

        private float ExteriorValue(float[][] f, float[][] open, int j, int b, object? unused)
        {
            _ = unused;
            var best = open[j][b] + _l.Cost[j][b];
            for (var k = 0; k <= j - 4; k++)
            {
                for (var c = 0; c < _l.Count[k]; c++)
                {
                    var cv = _c[Idx(k, c, j, b)];
                    if (cv < Inf)
                    {
                        best = Math.Min(best, open[k][c] + cv + Au(Type(k, c, j, b)));
                    }
                }
            }
            return best;
        }

        private (int J, int B) ExteriorTrace(float[][] f, float[][] open, int j, int b, Stack<(int Kind, int I, int A, int J, int B)> work)
        {
            var target = f[j][b];
            if (open[j][b] + _l.Cost[j][b] == target)
            {
                return j == 0 ? (-1, 0) : (j - 1, PreviousLetter(f, j, b, open[j][b]));
            }
            for (var k = 0; k <= j - 4; k++)
            {
                for (var c = 0; c < _l.Count[k]; c++)
                {
                    var cv = _c[Idx(k, c, j, b)];
                    if (cv < Inf && open[k][c] + cv + Au(Type(k, c, j, b)) == target)
                    {
                        work.Push((0, k, c, j, b));
                        return k == 0 ? (-1, 0) : (k - 1, PreviousLetter(f, k, c, open[k][c]));
                    }
                }
            }
            throw new InvalidOperationException("traceback failed in the exterior loop");
        }

        private int PreviousLetter(float[][] f, int j, int b, float value)
        {
            for (var e = 0; e < _l.Count[j - 1]; e++)
            {
                if (_l.Compatible(j - 1, e, b) && f[j - 1][e] == value)
                {
                    return e;
                }
            }
            throw new InvalidOperationException("traceback failed between exterior helices");
        }
    }
}
