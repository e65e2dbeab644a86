using Care.Molecular.Rna;

namespace Care.Molecular.Design;

public sealed partial class LatticeDesigner
{
    /// <summary>
    /// Beam mode (LinearFold/LinearDesign style, mirrored: rows of states (i, ·) are finished from the 3′ end
    /// leftwards). After row i is computed, only its <c>beam</c> best pair states, first-branch states and
    /// multi-loop states survive, ranked by their value plus the best exterior suffix after them. Dense work
    /// rows are O(n), the 32 most recent pair rows are kept dense for interior loops, and older rows only as
    /// sparse survivors: memory O(n · beam). The multi-loop uses the first-branch decomposition
    /// B(i, k) = first branch with leading unpaired bases, S2(i, j) = min_k B(i, k) + M(k + 1, j), so that a
    /// row depends only on rows to its right and on its own pruned pair states, and every surviving value can
    /// be recomputed from survivors during traceback.
    /// </summary>
    private sealed partial class Search
    {
        private const int W = 36;

        private readonly int _beam;
        private SparseRow[] _sc = [];
        private SparseRow[] _sb = [];
        private SparseRow[] _sm = [];
        private float[][] _cRing = [];
        private float[] _cRow = [];
        private float[] _bRow = [];
        private float[] _bPrev = [];
        private float[] _s2Row = [];
        private float[] _s2Prev = [];
        private float[] _tRow = [];
        private float[] _mRow = [];
        private float[][] _f = [];
        private float[] _fMin = [];
        private float[] _select = [];
        private bool _tracing;
        private bool[] _loopEnd = [];

        private static int Key(int j, int a, int b) => (j * W) + (a * 6) + b;

        private void AllocateBeam()
        {
            _sc = new SparseRow[_n];
            _sb = new SparseRow[_n];
            _sm = new SparseRow[_n];
            _cRing = new float[Ring][];
            for (var r = 0; r < Ring; r++)
            {
                _cRing[r] = Filled(_n * W);
            }
            _cRow = Filled(_n * W);
            _bRow = Filled(_n * W);
            _bPrev = Filled(_n * W);
            _s2Row = Filled(_n * W);
            _s2Prev = Filled(_n * W);
            _tRow = Filled(_n * W);
            _mRow = Filled(_n * W);
            _select = new float[_n * W];
            _loopEnd = new bool[_n];
            _f = new float[_n + 1][];
            for (var i = 0; i <= _n; i++)
            {
                _f[i] = new float[6];
            }
            _fMin = new float[_n + 1];
        }

        private float CAt(int i, int a, int j, int b)
        {
            if (_beam == 0)
            {
                return _c[Idx(i, a, j, b)];
            }
            return _tracing ? _sc[i].Lookup(Key(j, a, b)) : _cRing[i % Ring][Key(j, a, b)];
        }

        private float S2At(int i, int a, int j, int b)
        {
            if (_beam == 0)
            {
                return _s2[Idx(i, a, j, b)];
            }
            return _tracing ? BeamSplit(i, a, j, b, null) : _s2Prev[Key(j, a, b)];
        }

        private (int[] Letters, double Objective) RunBeam()
        {
            for (var i = _n - 1; i >= 0; i--)
            {
                Array.Fill(_cRow, Inf);
                MarkLoopEnds(i);
                for (var j = i + 4; j < _n; j++)
                {
                    if (_loopEnd[j])
                    {
                        PrepareLoops(i, j);
                    }
                    for (var a = 0; a < _l.Count[i]; a++)
                    {
                        for (var b = 0; b < _l.Count[j]; b++)
                        {
                            _cRow[Key(j, a, b)] = _loopEnd[j] ? PairValue(i, a, j, b, null) : ClosingOnly(i, a, j, b);
                        }
                    }
                }
                _sc[i] = Prune(_cRow, i, true);
                Array.Copy(_cRow, _cRing[i % Ring], _cRow.Length);
                FillInnerRow(i);
                BeamExterior(i);
                BeamBranchRow(i);
                BeamMultiRow(i);
                (_bPrev, _bRow) = (_bRow, _bPrev);
                (_s2Prev, _s2Row) = (_s2Row, _s2Prev);
            }
            return BeamTrace();
        }

        // Positions j where a pair (i, j) can close a hairpin or an interior loop around a surviving pair;
        // elsewhere only a multi-loop can close, which needs no loop tables.
        private void MarkLoopEnds(int i)
        {
            Array.Clear(_loopEnd);
            for (var j = i + 4; j <= Math.Min(_n - 1, i + EnergyParameters.MaxLoop + 1); j++)
            {
                _loopEnd[j] = true;
            }
            for (var p = i + 1; p <= Math.Min(_n - 1, i + _maxU + 1); p++)
            {
                var keys = _sc[p].Keys;
                var last = -1;
                foreach (var key in keys)
                {
                    var q = key / W;
                    if (q == last)
                    {
                        continue;
                    }
                    last = q;
                    var end = Math.Min(_n - 1, q + 1 + _maxU - (p - i - 1));
                    for (var j = q + 1; j <= end; j++)
                    {
                        _loopEnd[j] = true;
                    }
                }
            }
        }

        // The multi-loop closing of PairValue alone (same arithmetic, so traceback reproduces it).
        private float ClosingOnly(int i, int a, int j, int b)
        {
            var type = Type(i, a, j, b);
            if (type == 0 || j - i - 1 < 10)
            {
                return Inf;
            }
            var ends = _l.Cost[i][a] + _l.Cost[j][b];
            var best = Inf;
            var closing = ends + _p.MultiClosing + _stemMulti + Au(RnaBases.Pair(_l.Base[j][b], _l.Base[i][a]));
            for (var c = 0; c < _l.Count[i + 1]; c++)
            {
                if (!_l.Compatible(i, a, c))
                {
                    continue;
                }
                for (var d = 0; d < _l.Count[j - 1]; d++)
                {
                    if (_l.Compatible(j - 1, d, b))
                    {
                        best = Math.Min(best, closing + S2At(i + 1, c, j - 1, d));
                    }
                }
            }
            return best;
        }

        // Keeps the best `beam` finite entries of a dense row (value + AU for pairs + best exterior suffix); the rest become Inf.
        private SparseRow Prune(float[] row, int i, bool pairs)
        {
            var count = 0;
            for (var x = 0; x < row.Length; x++)
            {
                if (row[x] < Inf)
                {
                    _select[count++] = Score(row, x, i, pairs);
                }
            }
            var threshold = count > _beam ? Select(_select.AsSpan(0, count), _beam - 1) : float.PositiveInfinity;
            var keys = new List<int>(Math.Min(count, _beam));
            var values = new List<float>(Math.Min(count, _beam));
            var ties = 0;
            for (var x = 0; x < row.Length; x++)
            {
                if (row[x] >= Inf)
                {
                    continue;
                }
                var s = Score(row, x, i, pairs);
                if (s < threshold || (s == threshold && ties++ >= 0 && keys.Count < _beam))
                {
                    keys.Add(x);
                    values.Add(row[x]);
                }
                else
                {
                    row[x] = Inf;
                }
            }
            return keys.Count == 0 ? SparseRow.Empty : new SparseRow([.. keys], [.. values]);
        }

        private float Score(float[] row, int x, int i, bool pairs)
        {
            var j = x / W;
            var v = row[x] + _fMin[j + 1];
            if (pairs)
            {
                var a = x % W / 6;
                var b = x % 6;
                v += Au(Type(i, a, j, b));
            }
            return v;
        }

        // k-th smallest (0-based) by iterative quickselect; reorders the span.
        private static float Select(Span<float> s, int k)
        {
            var lo = 0;
            var hi = s.Length - 1;
            while (lo < hi)
            {
                var pivot = s[(lo + hi) >>> 1];
                var l = lo;
                var h = hi;
                while (l <= h)
                {
                    while (s[l] < pivot)
                    {
                        l++;
                    }
                    while (s[h] > pivot)
                    {
                        h--;
                    }
                    if (l <= h)
                    {
                        (s[l], s[h]) = (s[h], s[l]);
                        l++;
                        h--;
                    }
                }
                if (k <= h)
                {
                    hi = h;
                }
                else if (k >= l)
                {
                    lo = l;
                }
                else
                {
                    return s[k];
                }
            }
            return s[k];
        }

        // Exterior suffix: _f[i][a] = best structure of positions i..n-1 with letter a at i (codon costs included).
        private void BeamExterior(int i)
        {
            _fMin[i] = Inf;
            for (var a = 0; a < _l.Count[i]; a++)
            {
                _f[i][a] = ExteriorUnpaired(i, a);
            }
            var row = _sc[i];
            for (var x = 0; x < row.Keys.Length; x++)
            {
                var (j, a, b) = (row.Keys[x] / W, row.Keys[x] % W / 6, row.Keys[x] % 6);
                _f[i][a] = Math.Min(_f[i][a], row.Values[x] + Au(Type(i, a, j, b)) + After(j, b));
            }
            for (var a = 0; a < _l.Count[i]; a++)
            {
                _fMin[i] = Math.Min(_fMin[i], _f[i][a]);
            }
        }

        private float ExteriorUnpaired(int i, int a) => _l.Cost[i][a] + After(i, a);

        // Best exterior suffix after position j given letter b at j.
        private float After(int j, int b)
        {
            if (j == _n - 1)
            {
                return 0;
            }
            var best = Inf;
            for (var g = 0; g < _l.Count[j + 1]; g++)
            {
                if (_l.Compatible(j, b, g))
                {
                    best = Math.Min(best, _f[j + 1][g]);
                }
            }
            return best;
        }

        // B(i, a, k, e): first multi-loop branch, a pair (l, k) with l ≥ i, leading unpaired i..l-1.
        private void BeamBranchRow(int i)
        {
            Array.Fill(_bRow, Inf);
            for (var k = i + 4; k < _n; k++)
            {
                for (var a = 0; a < _l.Count[i]; a++)
                {
                    for (var e = 0; e < _l.Count[k]; e++)
                    {
                        _bRow[Key(k, a, e)] = BranchValue(i, a, k, e, _cRow[Key(k, a, e)], (c, kk, ee) => _bPrev[Key(kk, c, ee)]);
                    }
                }
            }
            _sb[i] = Prune(_bRow, i, false);
        }

        private float BranchValue(int i, int a, int k, int e, float c, Func<int, int, int, float> next)
        {
            var best = c < Inf ? c + _stemMulti + Au(Type(i, a, k, e)) : Inf;
            if (i + 1 < k - 3)
            {
                for (var c2 = 0; c2 < _l.Count[i + 1]; c2++)
                {
                    if (_l.Compatible(i, a, c2))
                    {
                        var v = next(c2, k, e);
                        if (v < Inf)
                        {
                            best = Math.Min(best, v + _l.Cost[i][a] + _p.MultiBase);
                        }
                    }
                }
            }
            return best;
        }

        // S2 (two or more branches) from surviving B of row i and surviving M rows; then M = min(S2, one branch + trailing unpaired).
        private void BeamMultiRow(int i)
        {
            Array.Fill(_s2Row, Inf);
            var rb = _sb[i];
            for (var x = 0; x < rb.Keys.Length; x++)
            {
                var (k, a, e) = (rb.Keys[x] / W, rb.Keys[x] % W / 6, rb.Keys[x] % 6);
                if (k + 1 >= _n || _sm[k + 1] is not { } rm)
                {
                    continue;
                }
                var bv = rb.Values[x];
                for (var y = 0; y < rm.Keys.Length; y++)
                {
                    var (j, f, b) = (rm.Keys[y] / W, rm.Keys[y] % W / 6, rm.Keys[y] % 6);
                    if (_l.Compatible(k, e, f))
                    {
                        var key = Key(j, a, b);
                        _s2Row[key] = Math.Min(_s2Row[key], bv + rm.Values[y]);
                    }
                }
            }
            Array.Fill(_tRow, Inf);
            for (var j = i + 4; j < _n; j++)
            {
                for (var a = 0; a < _l.Count[i]; a++)
                {
                    for (var b = 0; b < _l.Count[j]; b++)
                    {
                        var t = _bRow[Key(j, a, b)];
                        if (j - 1 >= i + 4)
                        {
                            for (var c = 0; c < _l.Count[j - 1]; c++)
                            {
                                if (_l.Compatible(j - 1, c, b))
                                {
                                    t = Math.Min(t, _tRow[Key(j - 1, a, c)] + _l.Cost[j][b] + _p.MultiBase);
                                }
                            }
                        }
                        _tRow[Key(j, a, b)] = t;
                        _mRow[Key(j, a, b)] = Math.Min(t, _s2Row[Key(j, a, b)]);
                    }
                }
            }
            for (var j = i; j < i + 4 && j < _n; j++)
            {
                _mRow.AsSpan(j * W, W).Fill(Inf);
            }
            _sm[i] = Prune(_mRow, i, false);
        }

        // S2(i, a, j, b) recomputed from survivors; with a trace, pushes the split that reaches it.
        private float BeamSplit(int i, int a, int j, int b, Stack<(int Kind, int I, int A, int J, int B)>? trace)
        {
            var best = Inf;
            var (bk, be, bf) = (-1, -1, -1);
            var rb = _sb[i];
            for (var x = 0; x < rb.Keys.Length; x++)
            {
                var (k, a2, e) = (rb.Keys[x] / W, rb.Keys[x] % W / 6, rb.Keys[x] % 6);
                if (a2 != a || k + 1 >= j)
                {
                    continue;
                }
                for (var f = 0; f < _l.Count[k + 1]; f++)
                {
                    if (!_l.Compatible(k, e, f))
                    {
                        continue;
                    }
                    var v = rb.Values[x] + _sm[k + 1].Lookup(Key(j, f, b));
                    if (v < best)
                    {
                        (best, bk, be, bf) = (v, k, e, f);
                    }
                }
            }
            if (trace is not null)
            {
                if (bk < 0)
                {
                    throw new InvalidOperationException("beam traceback failed in a multi-loop split");
                }
                trace.Push((3, i, a, bk, be));
                trace.Push((1, bk + 1, bf, j, b));
            }
            return best;
        }
    }
}
