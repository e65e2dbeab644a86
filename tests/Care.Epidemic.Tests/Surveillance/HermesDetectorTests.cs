using Care.Epidemic.Surveillance;

namespace Care.Epidemic.Tests.Surveillance;

public sealed class HermesDetectorTests
{
    private static int[] Baseline(int seed, int weeks = 300)
    {
        var rng = new Random(seed);
        return [.. Enumerable.Range(1, weeks).Select(t => (int)Math.Round(10 + (4 * Math.Sin(2 * Math.PI * t / 52)) + rng.Next(-3, 4)))];
    }

    [Fact]
    public void A_three_week_rise_that_no_single_week_shows_alarms_through_the_cumulative_window()
    {
        var counts = Baseline(7);
        var single = new HermesDetector(HermesDetectorSettings.Weekly with { MaxWindow = 1 });
        var cumulative = new HermesDetector(HermesDetectorSettings.Weekly with { MaxWindow = 3 });
        for (var t = 298; t <= 300; t++)
        {
            counts[t - 1] += 5;
        }
        var one = single.Score(counts, 300, 300)[0];
        var three = cumulative.Score(counts, 300, 300)[0];
        Assert.True(three.Score > one.Score, $"window score {three.Score} vs single {one.Score}");
        Assert.Equal(3, three.Window);
    }

    [Fact]
    public void A_large_spike_alarms_and_its_bound_is_the_smallest_alarming_count()
    {
        var counts = Baseline(3);
        counts[^1] = 60;
        var detector = new HermesDetector(HermesDetectorSettings.Weekly);
        var week = Assert.Single(detector.Run(counts, 3, 300, 300));
        Assert.True(week.Alarm);
        Assert.InRange(week.UpperBound, 12, 60);
        counts[^1] = (int)week.UpperBound;
        Assert.True(detector.Score(counts, 300, 300)[0].Score > 3);
        counts[^1] = (int)week.UpperBound - 1;
        Assert.False(detector.Score(counts, 300, 300)[0].Score > 3);
    }

    [Fact]
    public void A_zero_count_never_alarms_and_short_history_has_no_decision()
    {
        var counts = Baseline(5);
        counts[^1] = 0;
        var detector = new HermesDetector(HermesDetectorSettings.Weekly);
        Assert.Equal(0, detector.Score(counts, 300, 300)[0].Score);
        Assert.Null(detector.Run(counts, 2, 50, 50)[0].Alarm);
    }

    [Fact]
    public void Mid_p_tail_matches_the_poisson_and_negative_binomial_sums()
    {
        // Poisson(4): P(S > 7) + ½P(S = 7)
        double Pmf(int k) => Math.Exp(-4) * Math.Pow(4, k) / Enumerable.Range(1, k).Aggregate(1.0, (a, b) => a * b);
        var expected = 1 - Enumerable.Range(0, 8).Sum(Pmf) + (0.5 * Pmf(7));
        Assert.Equal(expected, HermesDetector.MidPUpperTail(7, 4, 1), 10);
        // Negative binomial mean 4, φ = 2 (size 4, prob ½): direct sum of the pmf.
        double Nb(int k) => MathNet.Numerics.Distributions.NegativeBinomial.PMF(4, 0.5, k);
        var nb = 1 - Enumerable.Range(0, 8).Sum(Nb) + (0.5 * Nb(7));
        Assert.Equal(nb, HermesDetector.MidPUpperTail(7, 4, 2), 10);
    }

    [Fact]
    public void Negative_counts_and_a_gap_shorter_than_the_window_are_refused_by_name()
    {
        var counts = Baseline(1);
        counts[10] = -1;
        Assert.Throws<ArgumentOutOfRangeException>("observed", () => new HermesDetector(HermesDetectorSettings.Weekly).Score(counts, 200, 200));
        Assert.Throws<ArgumentOutOfRangeException>("GapSteps", () => new HermesDetector(HermesDetectorSettings.Weekly with { GapSteps = 1 }));
    }

    [Fact]
    public void Simulated_series_are_deterministic_and_the_test_outbreak_lies_in_the_test_weeks()
    {
        var a = OutbreakSimulator.Simulate(4, 42);
        var b = OutbreakSimulator.Simulate(4, 42);
        Assert.Equal(a.Observed, b.Observed);
        Assert.NotEqual(a.Observed, OutbreakSimulator.Simulate(4, 43).Observed);
        Assert.Equal(OutbreakSimulator.Weeks, a.Observed.Count);
        Assert.All(a.Outbreak.Take(OutbreakSimulator.TestStart - 1), o => Assert.False(o));
        Assert.InRange(a.OutbreakStart, OutbreakSimulator.TestStart, OutbreakSimulator.Weeks);
        Assert.InRange(a.SizeMultiple, 1, 10);
    }

    [Fact]
    public void Simulated_baseline_mean_and_variance_follow_the_scenario()
    {
        // Scenario 3: θ = 1.5, no trend or season, φ = 1.5 → mean e^1.5 ≈ 4.48, variance ≈ 6.7 (outbreaks excluded by using many series' first weeks).
        var firstWeeks = Enumerable.Range(0, 4000).Select(seed => OutbreakSimulator.Simulate(3, seed).Observed[0]).ToArray();
        var mean = firstWeeks.Average();
        var variance = firstWeeks.Sum(x => (x - mean) * (x - mean)) / (firstWeeks.Length - 1);
        Assert.InRange(mean, 4.3, 4.9); // 4.48 plus the rare baseline outbreak that starts in week 1
        Assert.InRange(variance / mean, 1.3, 2.0);
    }

    [Fact]
    public void Evaluation_refuses_the_same_seed_for_development_and_test()
    {
        Assert.Throws<ArgumentException>("seed", () => InjectedOutbreakEvaluation.Run(1, 5, 5, HermesDetectorSettings.Weekly));
    }
}
