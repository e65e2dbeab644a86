using MathNet.Numerics.Distributions;

namespace Care.Epidemic.Surveillance;

/// <summary>
/// The Noufaily et al. (2013) simulation design: 624 weeks of negative binomial baseline; four outbreaks in
/// the baseline years (k ∈ {2, 3, 5, 10}) and one in the 49 test weeks 576–624 (k uniform in 1..10), each
/// starting in a uniformly drawn week with Poisson(k × baseline SD at that week) cases spread over the
/// following weeks by a lognormal(0, 0.5) delay (in weeks, floored). Deterministic for a seed. Pure.
/// </summary>
public static class OutbreakSimulator
{
    /// <summary>Weeks per series (12 years, as the paper).</summary>
    public const int Weeks = 624;

    /// <summary>First of the 49 test weeks.</summary>
    public const int TestStart = 576;

    private static readonly int[] BaselineMultiples = [2, 3, 5, 10];

    /// <summary>Simulates one series of <paramref name="scenario"/> from <paramref name="seed"/>.</summary>
    public static SimulatedSeries Simulate(int scenario, int seed)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(scenario);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(scenario, BaselineScenario.Grid.Count);
        var s = BaselineScenario.Grid[scenario];
        var rng = new Random(seed);
        var counts = new int[Weeks];
        for (var t = 1; t <= Weeks; t++)
        {
            counts[t - 1] = NegativeBinomial(rng, s.Mean(t), s.Phi);
        }
        for (var i = 0; i < 4; i++)
        {
            var start = rng.Next(1, TestStart - 26); // baseline years, clear of the last half-year before testing
            Inject(rng, s, counts, null, start, BaselineMultiples[rng.Next(BaselineMultiples.Length)]);
        }
        var outbreak = new bool[Weeks];
        var k = rng.Next(1, 11);
        var testStart = rng.Next(TestStart, Weeks + 1);
        Inject(rng, s, counts, outbreak, testStart, k);
        return new SimulatedSeries(scenario, counts, outbreak, TestStart, k, testStart);
    }

    private static void Inject(Random rng, BaselineScenario s, int[] counts, bool[]? outbreak, int start, int k)
    {
        var mu = s.Mean(start);
        var size = Poisson.Sample(rng, k * Math.Sqrt(s.Phi * mu));
        for (var c = 0; c < size; c++)
        {
            var week = start + (int)Math.Floor(LogNormal.Sample(rng, 0, 0.5));
            if (week > Weeks)
            {
                continue;
            }
            counts[week - 1]++;
            if (outbreak is not null)
            {
                outbreak[week - 1] = true;
            }
        }
    }

    // Gamma–Poisson mixture: mean μ, variance φμ.
    private static int NegativeBinomial(Random rng, double mu, double phi)
    {
        if (phi <= 1)
        {
            return Poisson.Sample(rng, mu);
        }
        var shape = mu / (phi - 1);
        var lambda = Gamma.Sample(rng, shape, 1 / (phi - 1));
        return lambda <= 0 ? 0 : Poisson.Sample(rng, lambda);
    }
}
