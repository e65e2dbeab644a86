namespace Care.Clinical.Sepsis;

/// <summary>
/// The 0–100 score a person sees, and how an interval is shown on the same scale. The score is
/// the calibrated probability in % rounded half away from zero; an interval is rounded outwards
/// (low down, high up), so a score always lies inside its own shown interval.
/// </summary>
public static class RiskScore
{
    /// <summary>The score of a probability in [0, 1].</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="probability"/> is NaN or outside [0, 1].</exception>
    public static int Of(double probability)
    {
        Check(probability);
        return (int)Math.Round(100 * probability, MidpointRounding.AwayFromZero);
    }

    /// <summary>The shown lower end of an interval: the probability in %, rounded down.</summary>
    public static int Floor(double probability)
    {
        Check(probability);
        return (int)Math.Floor(100 * probability);
    }

    /// <summary>The shown upper end of an interval: the probability in %, rounded up.</summary>
    public static int Ceiling(double probability)
    {
        Check(probability);
        return (int)Math.Ceiling(100 * probability);
    }

    private static void Check(double probability)
    {
        if (!(probability >= 0 && probability <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(probability), probability, "a probability must lie in [0, 1]");
        }
    }
}
