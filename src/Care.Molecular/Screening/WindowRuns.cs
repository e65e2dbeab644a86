namespace Care.Molecular.Screening;

/// <summary>
/// Sliding-window identity on one diagonal. A position scores 0 (different), 1 (similar: same
/// reduced-alphabet group) or 2 (identical); a window passes with at least <c>Similar</c>
/// positions scoring ≥ 1 and at least <c>Identical</c> scoring 2.
/// </summary>
internal static class WindowRuns
{
    /// <summary>True when some window inside [lo, hi) passes <paramref name="rule"/>.</summary>
    public static bool Any(Func<int, int> score, int lo, int hi, WindowRule rule)
    {
        var width = rule.Width;
        if (hi - lo < width)
        {
            return false;
        }
        var similar = 0;
        var identical = 0;
        for (var i = lo; i < hi; i++)
        {
            var s = score(i);
            similar += s > 0 ? 1 : 0;
            identical += s == 2 ? 1 : 0;
            if (i - width >= lo)
            {
                var old = score(i - width);
                similar -= old > 0 ? 1 : 0;
                identical -= old == 2 ? 1 : 0;
            }
            if (i - lo + 1 >= width && similar >= rule.Similar && identical >= rule.Identical)
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>
    /// The maximal runs [a, b) inside [lo, hi) covered by windows that pass any of <paramref name="rules"/>,
    /// each with its identity (identical positions / length).
    /// </summary>
    public static List<(int Start, int End, double Identity)> Find(Func<int, int> score, int lo, int hi, WindowRule[] rules)
    {
        var runs = new List<(int, int, double)>();
        var length = hi - lo;
        if (length <= 0)
        {
            return runs;
        }
        var scores = new byte[length];
        for (var i = 0; i < length; i++)
        {
            scores[i] = (byte)score(lo + i);
        }
        // Difference array of covered positions.
        var cover = new int[length + 1];
        foreach (var rule in rules)
        {
            var width = rule.Width;
            var similar = 0;
            var identical = 0;
            for (var i = 0; i < length; i++)
            {
                similar += scores[i] > 0 ? 1 : 0;
                identical += scores[i] == 2 ? 1 : 0;
                if (i >= width)
                {
                    similar -= scores[i - width] > 0 ? 1 : 0;
                    identical -= scores[i - width] == 2 ? 1 : 0;
                }
                if (i + 1 >= width && similar >= rule.Similar && identical >= rule.Identical)
                {
                    cover[i + 1 - width]++;
                    cover[i + 1]--;
                }
            }
        }
        var depth = 0;
        var start = -1;
        var matches = 0;
        for (var i = 0; i <= length; i++)
        {
            depth += cover[i];
            var covered = i < length && depth > 0;
            if (covered && start < 0)
            {
                start = i;
                matches = 0;
            }
            if (covered)
            {
                matches += scores[i] == 2 ? 1 : 0;
            }
            else if (start >= 0)
            {
                // Trim to identical ends: a window tolerating mismatches may hang over the true edge.
                var a = start;
                var b = i;
                while (a < b && scores[a] != 2)
                {
                    a++;
                }
                while (b > a && scores[b - 1] != 2)
                {
                    b--;
                }
                if (b > a)
                {
                    runs.Add((lo + a, lo + b, (double)matches / (b - a)));
                }
                start = -1;
            }
        }
        return runs;
    }
}
