namespace Care.Clinical.Sepsis;

/// <summary>
/// One bin of a model's calibration: hours whose margin (log-odds) is at most
/// <paramref name="UpperMargin"/> and above the previous bin's bound.
/// </summary>
/// <param name="UpperMargin">Upper margin bound (+∞ for the last bin).</param>
/// <param name="MeanMargin">Mean margin of the calibration hours in the bin.</param>
/// <param name="Hours">Calibration hours in the bin.</param>
/// <param name="Positives">Of which label-positive.</param>
public readonly record struct CalibrationBin(double UpperMargin, double MeanMargin, int Hours, int Positives)
{
    /// <summary>Observed rate of label-positive hours.</summary>
    public double Rate => Hours == 0 ? 0 : Positives / (double)Hours;

    /// <summary>Wilson 95 % interval of <see cref="Rate"/>.</summary>
    public (double Low, double High) Interval()
    {
        const double z = 1.959963984540054;
        double n = Hours, p = Rate;
        if (n == 0)
        {
            return (0, 1);
        }
        double denominator = 1 + z * z / n;
        double centre = (p + z * z / (2 * n)) / denominator;
        double half = z * Math.Sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / denominator;
        // Rounding can leave p a hair outside [centre ± half] at p = 0 or 1; the interval always contains p.
        return (Math.Min(p, Math.Max(0, centre - half)), Math.Max(p, Math.Min(1, centre + half)));
    }
}
