namespace Care.Molecular.Design;

public sealed partial class LatticeDesigner
{
    private sealed partial class Search
    {
        // Traceback of beam mode: every value is recomputed from survivors (pairs through PairValue, splits
        // through BeamSplit), so no back-pointers are stored.
        private (int[] Letters, double Objective) BeamTrace()
        {
            _tracing = true;
            var start = 0;
            for (var a = 1; a < _l.Count[0]; a++)
            {
                if (_f[0][a] < _f[0][start])
                {
                    start = a;
                }
            }
            var objective = _f[0][start];
            var work = new Stack<(int Kind, int I, int A, int J, int B)>();
            var (i, letter) = (0, start);
            while (i < _n)
            {
                _letter[i] = letter;
                var target = _f[i][letter];
                int end;
                int endLetter;
                if (ExteriorUnpaired(i, letter) <= target + Eps)
                {
                    (end, endLetter) = (i, letter);
                }
                else
                {
                    (end, endLetter) = (-1, -1);
                    var row = _sc[i];
                    for (var x = 0; x < row.Keys.Length && end < 0; x++)
                    {
                        var (j, a, b) = (row.Keys[x] / W, row.Keys[x] % W / 6, row.Keys[x] % 6);
                        if (a == letter && row.Values[x] + Au(Type(i, a, j, b)) + After(j, b) <= target + Eps)
                        {
                            work.Push((0, i, a, j, b));
                            (end, endLetter) = (j, b);
                        }
                    }
                    if (end < 0)
                    {
                        throw new InvalidOperationException("beam traceback failed in the exterior loop");
                    }
                    _letter[end] = endLetter;
                }
                if (end == _n - 1)
                {
                    break;
                }
                var next = After(end, endLetter);
                var found = -1;
                for (var g = 0; g < _l.Count[end + 1] && found < 0; g++)
                {
                    if (_l.Compatible(end, endLetter, g) && _f[end + 1][g] == next)
                    {
                        found = g;
                    }
                }
                (i, letter) = (end + 1, found);
            }
            while (work.Count > 0)
            {
                var (kind, pi, pa, pj, pb) = work.Pop();
                _letter[pi] = pa;
                _letter[pj] = pb;
                _ = kind switch
                {
                    0 => PairValue(pi, pa, pj, pb, work),
                    1 => BeamTraceMulti(pi, pa, pj, pb, work),
                    2 => BeamSplit(pi, pa, pj, pb, work),
                    _ => BeamTraceBranch(pi, pa, pj, pb, work),
                };
            }
            if (Array.IndexOf(_letter, -1) is var missing and >= 0)
            {
                throw new InvalidOperationException($"traceback left position {missing + 1} unassigned");
            }
            return (_letter, objective);
        }

        private float BeamTraceBranch(int i, int a, int k, int e, Stack<(int Kind, int I, int A, int J, int B)> trace)
        {
            var target = _sb[i].Lookup(Key(k, a, e));
            var c = _sc[i].Lookup(Key(k, a, e));
            if (c < Inf && c + _stemMulti + Au(Type(i, a, k, e)) <= target + Eps)
            {
                trace.Push((0, i, a, k, e));
                return target;
            }
            for (var c2 = 0; c2 < _l.Count[i + 1]; c2++)
            {
                if (_l.Compatible(i, a, c2) && _sb[i + 1].Lookup(Key(k, c2, e)) + _l.Cost[i][a] + _p.MultiBase <= target + Eps)
                {
                    trace.Push((3, i + 1, c2, k, e));
                    return target;
                }
            }
            throw new InvalidOperationException("beam traceback failed in a multi-loop branch");
        }

        private float BeamTraceMulti(int i, int a, int j, int b, Stack<(int Kind, int I, int A, int J, int B)> trace)
        {
            var target = _sm[i].Lookup(Key(j, a, b));
            if (BeamSplit(i, a, j, b, null) <= target + Eps)
            {
                return BeamSplit(i, a, j, b, trace);
            }
            // One branch B(i, a, k, e) then unpaired k+1..j: cost-to-go from the right, one pass.
            var len = j - i;
            var go = new float[len + 1][];
            go[len] = new float[6];
            Array.Fill(go[len], Inf);
            go[len][b] = 0;
            for (var pos = j - 1; pos >= i; pos--)
            {
                var g = go[pos - i] = new float[6];
                Array.Fill(g, Inf);
                for (var x = 0; x < _l.Count[pos]; x++)
                {
                    for (var y = 0; y < _l.Count[pos + 1]; y++)
                    {
                        if (_l.Compatible(pos, x, y) && go[pos + 1 - i][y] < Inf)
                        {
                            g[x] = Math.Min(g[x], go[pos + 1 - i][y] + _l.Cost[pos + 1][y] + _p.MultiBase);
                        }
                    }
                }
            }
            var rb = _sb[i];
            for (var x = 0; x < rb.Keys.Length; x++)
            {
                var (k, a2, e) = (rb.Keys[x] / W, rb.Keys[x] % W / 6, rb.Keys[x] % 6);
                if (a2 != a || k > j || go[k - i][e] >= Inf || rb.Values[x] + go[k - i][e] > target + Eps)
                {
                    continue;
                }
                var letter = e;
                for (var pos = k + 1; pos < j; pos++)
                {
                    for (var y = 0; y < _l.Count[pos]; y++)
                    {
                        if (_l.Compatible(pos - 1, letter, y) && go[pos - i][y] + _l.Cost[pos][y] + _p.MultiBase == go[pos - 1 - i][letter])
                        {
                            letter = y;
                            break;
                        }
                    }
                    _letter[pos] = letter;
                }
                trace.Push((3, i, a, k, e));
                return target;
            }
            throw new InvalidOperationException("beam traceback failed in a multi-loop");
        }
    }
}
