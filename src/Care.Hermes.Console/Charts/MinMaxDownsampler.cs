namespace Care.Hermes.Console.Charts;

/// <summary>
/// Reduces a time series to what a chart of a given pixel width can show: for each pixel column, the
/// column's lowest and highest sample, in their time order (min/max decimation, as oscilloscopes do).
/// Unlike averaging or LTTB it never hides an extreme — a 3-minute hypoglycaemia or a desaturation
/// stays on the chart at any zoom. Gaps longer than <see cref="GapColumns"/> columns (and at least
/// <see cref="MinGapSeconds"/>) get a NaN point so the line breaks instead of bridging missing data.
/// Stateless; thread safe; O(n) with no allocation beyond the output.
/// </summary>
internal static class MinMaxDownsampler
{
    /// <summary>A gap wider than this many columns breaks the line.</summary>
    public const int GapColumns = 3;

    /// <summary>A gap shorter than this never breaks the line (minute data with a missed sample is not a gap).</summary>
    public const long MinGapSeconds = 600;

    /// <summary>
    /// Downsamples samples at <paramref name="timesSeconds"/> (Unix seconds, non-decreasing) with
    /// <paramref name="values"/> inside [<paramref name="start"/>, <paramref name="end"/>) to at most
    /// 2 points per column plus gap markers. NaN values are skipped. Throws <see cref="ArgumentException"/>
    /// when the spans differ in length, the window is empty or <paramref name="columns"/> is below 1.
    /// </summary>
    public static DownsampledSeries Downsample(ReadOnlySpan<long> timesSeconds, ReadOnlySpan<double> values, long start, long end, int columns)
    {
        if (timesSeconds.Length != values.Length)
        {
            throw new ArgumentException($"{timesSeconds.Length} times but {values.Length} values", nameof(values));
        }
        ArgumentOutOfRangeException.ThrowIfLessThan(columns, 1);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(end, start);
        double width = (double)(end - start) / columns;
        long gap = Math.Max(MinGapSeconds, (long)Math.Ceiling(width * GapColumns));
        var t = new List<long>(Math.Min(timesSeconds.Length, (2 * columns) + 16));
        var v = new List<double>(t.Capacity);
        int column = -1;
        long minT = 0, maxT = 0;
        double min = 0, max = 0;
        long lastT = long.MinValue;
        bool open = false;
        for (int i = 0; i < timesSeconds.Length; i++)
        {
            long time = timesSeconds[i];
            double value = values[i];
            if (time < start || time >= end || double.IsNaN(value))
            {
                continue;
            }
            int c = (int)Math.Min(columns - 1, (long)((time - start) / width));
            if (c != column)
            {
                if (open)
                {
                    Flush(t, v, minT, min, maxT, max);
                }
                if (lastT != long.MinValue && time - lastT > gap)
                {
                    t.Add(lastT + ((time - lastT) / 2));
                    v.Add(double.NaN);
                }
                column = c;
                minT = maxT = time;
                min = max = value;
                open = true;
            }
            else
            {
                if (value < min)
                {
                    min = value;
                    minT = time;
                }
                if (value > max)
                {
                    max = value;
                    maxT = time;
                }
            }
            lastT = time;
        }
        if (open)
        {
            Flush(t, v, minT, min, maxT, max);
        }
        return new DownsampledSeries([.. t], [.. v]);
    }

    private static void Flush(List<long> t, List<double> v, long minT, double min, long maxT, double max)
    {
        if (minT == maxT)
        {
            t.Add(minT);
            v.Add(min);
            return;
        }
        // Keep the two extremes in time order, so the line is drawn the way the signal went.
        if (minT < maxT)
        {
            t.Add(minT);
            v.Add(min);
            t.Add(maxT);
            v.Add(max);
        }
        else
        {
            t.Add(maxT);
            v.Add(max);
            t.Add(minT);
            v.Add(min);
        }
    }
}
