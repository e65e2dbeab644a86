namespace Care.Metabolic.Evaluation;

/// <summary>
/// Accumulates equal-interval glucose samples into <see cref="GlucoseMetrics"/> without storing
/// them (O(1) per sample). Risk per Kovatchev 1997: f = 1.509((ln BG)^1.084 − 5.381), r = 10 f²,
/// with simglucose's saturation (BG ≤ 20 → low risk 100; BG ≥ 600 → high risk 100). Not thread-safe.
/// </summary>
public sealed class GlucoseMetricsAccumulator
{
    private long _n;
    private double _sum;
    private double _sumSquares;
    private long _inRange, _below70, _below54, _above180, _above250;
    private double _low, _high;
    private double _min = double.PositiveInfinity;
    private double _insulinUnits;

    /// <summary>Number of glucose samples added.</summary>
    public long Count => _n;

    /// <summary>Adds one glucose sample (mg/dL); NaN throws.</summary>
    public void Add(double glucose)
    {
        if (double.IsNaN(glucose))
        {
            throw new ArgumentOutOfRangeException(nameof(glucose), "glucose sample is NaN");
        }
        _n++;
        _sum += glucose;
        _sumSquares += glucose * glucose;
        if (glucose is >= 70 and <= 180)
        {
            _inRange++;
        }
        if (glucose < 70)
        {
            _below70++;
        }
        if (glucose < 54)
        {
            _below54++;
        }
        if (glucose > 180)
        {
            _above180++;
        }
        if (glucose > 250)
        {
            _above250++;
        }
        _min = Math.Min(_min, glucose);
        var (low, high) = Risk(glucose);
        _low += low;
        _high += high;
    }

    /// <summary>Adds delivered insulin (U).</summary>
    public void AddInsulin(double units) => _insulinUnits += units;

    /// <summary>The metrics so far, with insulin per day over <paramref name="days"/> (&gt; 0).</summary>
    public GlucoseMetrics Result(double days)
    {
        if (_n == 0)
        {
            throw new InvalidOperationException("no glucose samples");
        }
        var mean = _sum / _n;
        var variance = Math.Max(0, _sumSquares / _n - mean * mean);
        double Pct(long k) => 100.0 * k / _n;
        return new GlucoseMetrics(mean, Pct(_inRange), Pct(_below70), Pct(_below54), Pct(_above180), Pct(_above250),
            100 * Math.Sqrt(variance) / mean, _low / _n, _high / _n, _min, _insulinUnits / days);
    }

    /// <summary>The low and high risk of one glucose value (mg/dL).</summary>
    public static (double Low, double High) Risk(double glucose)
    {
        if (glucose <= 20)
        {
            return (100, 0);
        }
        if (glucose >= 600)
        {
            return (0, 100);
        }
        var f = 1.509 * (Math.Pow(Math.Log(glucose), 1.084) - 5.381);
        var r = 10 * f * f;
        return f < 0 ? (r, 0) : (0, r);
    }
}
