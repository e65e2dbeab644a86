namespace Care.Cardio.Rhythm;

/// <summary>
/// The settings of <see cref="IrregularityAfDetector"/>, a candidate AF method that
/// <c>care eval af --loo</c> scores; the values are chosen by cross-validation there, none is built in.
/// </summary>
/// <param name="DifferenceThreshold">A successive RR difference counts as irregular above this fraction of the window's median RR (0 to 1; e.g. 0.08 is 64 ms at 800 ms).</param>
/// <param name="AfFraction">A window says AF when more than this fraction of its successive differences is irregular (0 to 1).</param>
/// <param name="SkipVentricular">Leave out intervals that start or end at a beat classed ventricular (their premature and compensatory intervals).</param>
/// <param name="AtrialVeto">A steady P wave before most beats (median atrial correlation ≥ 0.6) says not AF whatever the RR.</param>
/// <param name="SkipPrematurePairs">Also leave out, by RR alone, premature–compensatory pairs (an interval under 85 % of the median followed by one over 110 %), as ectopic beats the classifier missed.</param>
public readonly record struct IrregularityAfSettings(double DifferenceThreshold, double AfFraction, bool SkipVentricular, bool AtrialVeto, bool SkipPrematurePairs = false)
{
    /// <summary>Throws when a threshold is outside 0–1 or NaN.</summary>
    public void Validate()
    {
        if (!(DifferenceThreshold > 0 && DifferenceThreshold < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(DifferenceThreshold), DifferenceThreshold, "must lie in (0, 1)");
        }
        if (!(AfFraction >= 0 && AfFraction < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(AfFraction), AfFraction, "must lie in [0, 1)");
        }
    }
}
