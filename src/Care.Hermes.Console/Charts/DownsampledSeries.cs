namespace Care.Hermes.Console.Charts;

/// <summary>A series ready to draw: times (Unix seconds) and values, NaN where the line breaks.</summary>
/// <param name="TimesSeconds">Times in Unix seconds, non-decreasing.</param>
/// <param name="Values">Values in the series' unit; NaN marks a gap.</param>
internal sealed record DownsampledSeries(long[] TimesSeconds, double[] Values)
{
    /// <summary>Values with gaps as null, as JSON and uPlot want them.</summary>
    public IEnumerable<double?> JsonValues => Values.Select(v => double.IsNaN(v) ? (double?)null : Math.Round(v, 2));
}
