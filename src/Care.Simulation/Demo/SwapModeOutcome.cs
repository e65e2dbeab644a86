namespace Care.Simulation.Demo;

/// <summary>One wearer's glucose outcome under one <see cref="LearnedStateMode"/>, on the simulator's true glucose.</summary>
/// <param name="Minutes">Minutes simulated.</param>
/// <param name="MinutesInRange">Minutes in 70–180 mg/dL.</param>
/// <param name="MinutesBelowRange">Minutes below 70 mg/dL.</param>
/// <param name="LowestMgPerDl">The lowest true glucose (mg/dL).</param>
/// <param name="InsulinUnits">Insulin that reached the body (U).</param>
/// <param name="GlucoseSumMgPerDl">Sum of true glucose over the minutes (mg/dL·min).</param>
public readonly record struct SwapModeOutcome(long Minutes, long MinutesInRange, long MinutesBelowRange, double LowestMgPerDl, double InsulinUnits, double GlucoseSumMgPerDl)
{
    /// <summary>Mean true glucose (mg/dL).</summary>
    public double MeanMgPerDl => Minutes == 0 ? 0 : GlucoseSumMgPerDl / Minutes;

    /// <summary>Time in range, percent.</summary>
    public double TimeInRangePercent => Minutes == 0 ? 0 : 100.0 * MinutesInRange / Minutes;

    /// <summary>Time below 70 mg/dL, percent.</summary>
    public double TimeBelowRangePercent => Minutes == 0 ? 0 : 100.0 * MinutesBelowRange / Minutes;
}
