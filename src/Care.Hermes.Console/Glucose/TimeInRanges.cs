namespace Care.Hermes.Console.Glucose;

/// <summary>
/// Share of readings (%) in the consensus ranges (Battelino et al. 2019): very low &lt; 54, low 54–69,
/// in range 70–180, high 181–250, very high &gt; 250 mg/dL. The five add up to 100 (or all are 0 with no readings).
/// </summary>
internal readonly record struct TimeInRanges(double VeryLow, double Low, double InRange, double High, double VeryHigh)
{
    /// <summary>Time below range (&lt; 70 mg/dL), %. Target &lt; 4 %.</summary>
    public double Below => VeryLow + Low;

    /// <summary>Time above range (&gt; 180 mg/dL), %. Target &lt; 25 %.</summary>
    public double Above => High + VeryHigh;
}
