namespace Care.Epidemic.Surveillance;

/// <summary>
/// One baseline of the Noufaily et al. (2013, Stat. Med. 32:1206) simulation design: weekly negative binomial
/// counts with mean μ(t) = exp(θ + β·t + Σⱼ₌₁..m [γ₁ cos(2πjt/52) + γ₂ sin(2πjt/52)]) and variance φ·μ(t).
/// </summary>
/// <param name="Theta">θ, log baseline level.</param>
/// <param name="Beta">β, trend per week (log scale).</param>
/// <param name="Gamma1">γ₁, cosine amplitude of each harmonic.</param>
/// <param name="Gamma2">γ₂, sine amplitude of each harmonic.</param>
/// <param name="Harmonics">m: 0 (no seasonality), 1 (annual) or 2 (annual and biannual).</param>
/// <param name="Phi">φ ≥ 1, variance over mean (1 = Poisson).</param>
public sealed record BaselineScenario(double Theta, double Beta, double Gamma1, double Gamma2, int Harmonics, double Phi)
{
    /// <summary>
    /// Twelve scenarios spanning the ranges of Noufaily's 42 (mean level about 1 to 40 cases a week, no or
    /// upward trend, none/annual/biannual seasonality, φ from 1 to 5). Not the paper's exact table: a grid
    /// over the same ranges, chosen before any detector was run.
    /// </summary>
    public static IReadOnlyList<BaselineScenario> Grid { get; } =
    [
        new(0.1, 0, 0, 0, 0, 1),
        new(0.5, 0, 0.6, 0.6, 1, 1.5),
        new(0.5, 0.001, 0.2, 0.2, 2, 2),
        new(1.5, 0, 0, 0, 0, 1.5),
        new(1.5, 0, 0.6, 0.6, 1, 2),
        new(1.5, 0.001, 0.6, 0.6, 2, 3),
        new(2.5, 0, 0.3, 0.3, 1, 1.5),
        new(2.5, 0.001, 0.8, 0.4, 1, 3),
        new(2.5, 0, 0.5, 0.5, 2, 5),
        new(3.5, 0, 0.2, 0.2, 1, 2),
        new(3.5, 0.001, 0.6, 0.6, 1, 5),
        new(0.1, 0.001, 1.5, 1.5, 1, 2),
    ];

    /// <summary>μ(t) for 1-based week t.</summary>
    public double Mean(int week)
    {
        var eta = Theta + (Beta * week);
        for (var j = 1; j <= Harmonics; j++)
        {
            var angle = 2 * Math.PI * j * week / 52;
            eta += (Gamma1 * Math.Cos(angle)) + (Gamma2 * Math.Sin(angle));
        }
        return Math.Exp(eta);
    }
}
