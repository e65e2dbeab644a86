namespace Care.Kiosk.Identity;

/// <summary>Genuine and impostor score distributions of one seeded iris evaluation, and the decision figures.</summary>
/// <param name="Subjects">Eyes enrolled.</param>
/// <param name="Genuine">Normalised best-rotation distances of captures of the same eye.</param>
/// <param name="Impostor">Normalised best-rotation distances between different eyes.</param>
/// <param name="ImpostorSingleRotationMean">Mean normalised distance between different eyes at one fixed alignment.</param>
/// <param name="ImpostorSingleRotationSd">Its standard deviation.</param>
/// <param name="DegreesOfFreedom">p(1 − p)/σ² of the single-alignment impostor distances.</param>
/// <param name="Rotations">Alignments tried per comparison.</param>
/// <param name="TargetFalseMatchRate">The stated false-match rate.</param>
/// <param name="Threshold">The threshold the binomial model gives for it.</param>
public sealed record IrisEvaluationResult(
    int Subjects,
    IReadOnlyList<double> Genuine,
    IReadOnlyList<double> Impostor,
    double ImpostorSingleRotationMean,
    double ImpostorSingleRotationSd,
    double DegreesOfFreedom,
    int Rotations,
    double TargetFalseMatchRate,
    double Threshold)
{
    /// <summary>Mean of <paramref name="xs"/>.</summary>
    public static double Mean(IReadOnlyList<double> xs) => xs.Count == 0 ? double.NaN : xs.Average();

    /// <summary>Sample standard deviation of <paramref name="xs"/>.</summary>
    public static double Sd(IReadOnlyList<double> xs)
    {
        double m = Mean(xs);
        return xs.Count < 2 ? double.NaN : Math.Sqrt(xs.Sum(x => (x - m) * (x - m)) / (xs.Count - 1));
    }

    /// <summary>Decidability d′ = |μ_impostor − μ_genuine| / √((σ_i² + σ_g²)/2) (Daugman).</summary>
    public double DPrime => Math.Abs(Mean(Impostor) - Mean(Genuine)) / Math.Sqrt((Math.Pow(Sd(Impostor), 2) + Math.Pow(Sd(Genuine), 2)) / 2);

    /// <summary>Share of impostor comparisons at or below <paramref name="threshold"/>.</summary>
    public double FalseMatchRate(double threshold) => Impostor.Count(x => x <= threshold) / (double)Impostor.Count;

    /// <summary>Share of genuine comparisons above <paramref name="threshold"/>.</summary>
    public double FalseNonMatchRate(double threshold) => Genuine.Count(x => x > threshold) / (double)Genuine.Count;
}
