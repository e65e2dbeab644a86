namespace Care.Clinical.Sepsis.Boosting;

/// <summary>
/// Quantile bin edges per feature: bin 0 holds NaN, bin b ≥ 1 holds edges[b−2] &lt; x ≤ edges[b−1],
/// so "bin ≤ b" is exactly "NaN or x ≤ edges[b−1]" and a tree trained on bins scores raw values.
/// </summary>
internal sealed class FeatureBinner
{
    private readonly float[][] _edges;

    private FeatureBinner(float[][] edges) => _edges = edges;

    public int Features => _edges.Length;

    /// <summary>Raw threshold of the split "bin ≤ b": −∞ for b = 0 (only NaN goes left).</summary>
    public float Threshold(int feature, int bin) => bin == 0 ? float.NegativeInfinity : _edges[feature][bin - 1];

    public int BinCount(int feature) => _edges[feature].Length + 2;

    /// <summary>Edges from the quantiles of the finite values of <paramref name="rows"/> (row-major, <paramref name="features"/> wide).</summary>
    public static FeatureBinner Fit(ReadOnlySpan<float> rows, int features, int bins, int maxSample, ulong seed)
    {
        int n = rows.Length / features;
        var pick = Enumerable.Range(0, n).ToArray();
        if (n > maxSample)
        {
            new SplitMix64(seed ^ 0xB1B1B1B1UL).Shuffle(pick);
            pick = pick[..maxSample];
            Array.Sort(pick);
        }
        var edges = new float[features][];
        var values = new float[pick.Length];
        for (int f = 0; f < features; f++)
        {
            int m = 0;
            foreach (int r in pick)
            {
                float x = rows[r * features + f];
                if (float.IsFinite(x))
                {
                    values[m++] = x;
                }
            }
            var sorted = values.AsSpan(0, m);
            sorted.Sort();
            var list = new List<float>(bins);
            for (int k = 1; k < bins && m > 0; k++)
            {
                float e = sorted[(int)((long)k * (m - 1) / bins)];
                if (list.Count == 0 || e > list[^1])
                {
                    list.Add(e);
                }
            }
            if (m > 0 && (list.Count == 0 || sorted[m - 1] > list[^1]) && list.Count < bins - 1)
            {
                list.Add(sorted[m - 1]);
            }
            edges[f] = [.. list];
        }
        return new FeatureBinner(edges);
    }

    public byte Bin(int feature, float x)
    {
        if (float.IsNaN(x))
        {
            return 0;
        }
        var e = _edges[feature];
        int lo = 0, hi = e.Length;
        while (lo < hi)
        {
            int mid = (lo + hi) >>> 1;
            if (e[mid] < x)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }
        return (byte)(lo + 1);
    }

    /// <summary>Column-major bins of <paramref name="rows"/>: result[f][row].</summary>
    public byte[][] BinColumns(float[] rows, int threads)
    {
        int features = Features;
        int n = rows.Length / features;
        var columns = new byte[features][];
        Parallel.For(0, features, new ParallelOptions { MaxDegreeOfParallelism = threads }, f =>
        {
            var col = new byte[n];
            for (int r = 0; r < n; r++)
            {
                col[r] = Bin(f, rows[r * features + f]);
            }
            columns[f] = col;
        });
        return columns;
    }
}
