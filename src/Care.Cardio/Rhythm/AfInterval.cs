namespace Care.Cardio.Rhythm;

/// <summary>One RR interval as an AF detector takes it.</summary>
/// <param name="RrSeconds">The interval, seconds (intervals outside 0.2–3 s are ignored by the detectors).</param>
/// <param name="AtrialCorrelation">Correlation (−1 to 1) of the atrial segment before the beat that ends the interval with its running template; NaN when unknown.</param>
/// <param name="StartsAtVentricular">True when the beat that starts the interval was classed ventricular (AAMI V).</param>
/// <param name="EndsAtVentricular">True when the beat that ends the interval was classed ventricular (AAMI V).</param>
public readonly record struct AfInterval(double RrSeconds, double AtrialCorrelation, bool StartsAtVentricular, bool EndsAtVentricular)
{
    /// <summary>True when either end of the interval is a ventricular beat (a coupling interval or a compensatory pause).</summary>
    public bool TouchesVentricular => StartsAtVentricular || EndsAtVentricular;
}
