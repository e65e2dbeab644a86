using MathNet.Numerics;

namespace Care.Epidemic.Surveillance;

/// <summary>
/// Quantiles and tails of the Poisson and negative binomial laws as R's <c>qpois</c>/<c>qnbinom</c>
/// (smallest count whose CDF reaches p, with R's left-continuity fuzz p·(1 − 64ε)) and
/// <c>ppois</c>/<c>pnbinom</c> upper tails. CDFs through regularized incomplete gamma and beta functions.
/// </summary>
internal static class CountQuantiles
{
    private const double Fuzz = 1 - (64 * 2.220446049250313e-16);

    /// <summary>R's <c>qnbinom(p, size, prob)</c>: mean size·(1 − prob)/prob.</summary>
    public static double NegativeBinomial(double p, double size, double prob)
    {
        if (double.IsNaN(p) || double.IsNaN(size) || double.IsNaN(prob) || size <= 0 || prob is <= 0 or > 1)
        {
            return double.NaN;
        }
        return Search(p, size * (1 - prob) / prob, x => NegativeBinomialCdf(x, size, prob));
    }

    /// <summary>R's <c>qpois(p, lambda)</c>.</summary>
    public static double Poisson(double p, double lambda)
    {
        if (double.IsNaN(p) || double.IsNaN(lambda) || lambda < 0)
        {
            return double.NaN;
        }
        return lambda == 0 ? 0 : Search(p, lambda, x => PoissonCdf(x, lambda));
    }

    /// <summary>P(X ≤ x) for the negative binomial (size, prob).</summary>
    public static double NegativeBinomialCdf(double x, double size, double prob) =>
        x < 0 ? 0 : SpecialFunctions.BetaRegularized(size, x + 1, prob);

    /// <summary>P(X ≤ x) for the Poisson law with mean lambda.</summary>
    public static double PoissonCdf(double x, double lambda) =>
        x < 0 ? 0 : lambda == 0 ? 1 : SpecialFunctions.GammaUpperRegularized(x + 1, lambda);

    private static double Search(double p, double mean, Func<double, double> cdf)
    {
        if (p >= 1)
        {
            return double.PositiveInfinity;
        }
        var target = p * Fuzz;
        var y = Math.Floor(mean);
        if (cdf(y) >= target)
        {
            while (y > 0 && cdf(y - 1) >= target)
            {
                y--;
            }
            return y;
        }
        do
        {
            y++;
        }
        while (cdf(y) < target);
        return y;
    }
}
