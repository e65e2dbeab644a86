namespace Care.Hermes.Console.Glucose;

/// <summary>
/// Computes an <see cref="AgpProfile"/> from CGM readings. Percentiles are per time-of-day bin (UTC),
/// by linear interpolation between order statistics (the "type 7" definition of Hyndman and Fan 1996).
/// Stateless; thread safe.
/// </summary>
internal static class AgpCalculator
{
    /// <summary>Consensus range edges, mg/dL.</summary>
    public const double VeryLowBelow = 54, LowBelow = 70, HighAbove = 180, VeryHighAbove = 250;

    /// <summary>
    /// The profile of readings at <paramref name="timesSeconds"/> (Unix seconds) with <paramref name="mgPerDl"/>,
    /// over a window of <paramref name="windowSeconds"/>, in bins of <paramref name="binMinutes"/> (a divisor of 1440).
    /// NaN and non-positive readings are skipped. Null when no reading remains.
    /// </summary>
    public static AgpProfile? Compute(ReadOnlySpan<long> timesSeconds, ReadOnlySpan<double> mgPerDl, long windowSeconds, int binMinutes = 15)
    {
        if (timesSeconds.Length != mgPerDl.Length)
        {
            throw new ArgumentException($"{timesSeconds.Length} times but {mgPerDl.Length} values", nameof(mgPerDl));
        }
        if (binMinutes < 1 || 1440 % binMinutes != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(binMinutes), binMinutes, "must divide a day (1440 minutes)");
        }
        ArgumentOutOfRangeException.ThrowIfLessThan(windowSeconds, 1);
        int bins = 1440 / binMinutes;
        var perBin = new List<double>[bins];
        for (int b = 0; b < bins; b++)
        {
            perBin[b] = [];
        }
        int n = 0, veryLow = 0, low = 0, inRange = 0, high = 0, veryHigh = 0;
        double sum = 0, sumSquares = 0;
        var spacings = new List<long>();
        long previous = long.MinValue;
        for (int i = 0; i < mgPerDl.Length; i++)
        {
            double g = mgPerDl[i];
            if (double.IsNaN(g) || g <= 0)
            {
                continue;
            }
            long t = timesSeconds[i];
            int minuteOfDay = (int)(((t % 86_400) + 86_400) % 86_400 / 60);
            perBin[minuteOfDay / binMinutes].Add(g);
            n++;
            sum += g;
            sumSquares += g * g;
            if (g < VeryLowBelow)
            {
                veryLow++;
            }
            else if (g < LowBelow)
            {
                low++;
            }
            else if (g <= HighAbove)
            {
                inRange++;
            }
            else if (g <= VeryHighAbove)
            {
                high++;
            }
            else
            {
                veryHigh++;
            }
            if (previous != long.MinValue && t > previous)
            {
                spacings.Add(t - previous);
            }
            previous = t;
        }
        if (n == 0)
        {
            return null;
        }
        var p = new double[5][];
        double[] levels = [5, 25, 50, 75, 95];
        for (int k = 0; k < 5; k++)
        {
            p[k] = new double[bins];
        }
        for (int b = 0; b < bins; b++)
        {
            var values = perBin[b];
            values.Sort();
            for (int k = 0; k < 5; k++)
            {
                p[k][b] = Percentile(values, levels[k]);
            }
        }
        double mean = sum / n;
        double variance = n > 1 ? Math.Max(0, (sumSquares - (n * mean * mean)) / (n - 1)) : 0;
        spacings.Sort();
        double sampleMinutes = spacings.Count == 0 ? 5 : spacings[spacings.Count / 2] / 60.0;
        double expected = windowSeconds / 60.0 / sampleMinutes;
        double Share(int count) => 100.0 * count / n;
        return new AgpProfile(
            binMinutes,
            [.. Enumerable.Range(0, bins).Select(b => b * binMinutes)],
            p[0], p[1], p[2], p[3], p[4],
            new TimeInRanges(Share(veryLow), Share(low), Share(inRange), Share(high), Share(veryHigh)),
            n,
            windowSeconds / 86_400.0,
            Math.Min(100, 100.0 * n / expected),
            sampleMinutes,
            mean,
            100.0 * Math.Sqrt(variance) / mean,
            3.31 + (0.02392 * mean));
    }

    /// <summary>The <paramref name="percent"/> percentile of sorted <paramref name="sorted"/> (type 7), NaN when empty.</summary>
    public static double Percentile(IReadOnlyList<double> sorted, double percent)
    {
        if (sorted.Count == 0)
        {
            return double.NaN;
        }
        double h = (sorted.Count - 1) * percent / 100.0;
        int lo = (int)Math.Floor(h);
        int hi = Math.Min(lo + 1, sorted.Count - 1);
        return sorted[lo] + ((h - lo) * (sorted[hi] - sorted[lo]));
    }
}
