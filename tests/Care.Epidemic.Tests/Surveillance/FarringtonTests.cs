using Care.Epidemic.Surveillance;
using Care.Testing;

namespace Care.Epidemic.Tests.Surveillance;

public sealed class FarringtonTests
{
    [Fact]
    public void Farrington_1996_and_Noufaily_2013_agree_with_r_surveillance_on_the_15_series()
    {
        var folder = SharedData.RequireFolder("surveillance");
        var series = SeriesCsv.Parse(File.ReadAllText(Path.Combine(folder, "surveillance_pkg_series_52week.csv")), "series");
        var reference = ReferenceCsv.Parse(File.ReadAllText(Path.Combine(folder, "reference_outputs", "farringtonFlexible_reference.csv")), "farrington");
        var scores = SurveillanceEvaluation.Evaluate(series, reference).Where(s => s.Algorithm.StartsWith("Farrington", StringComparison.Ordinal) || s.Algorithm.StartsWith("Noufaily", StringComparison.Ordinal)).ToList();
        Assert.Equal(15 * 2, scores.Count);
        foreach (var g in scores.GroupBy(s => s.Algorithm))
        {
            var weeks = g.Sum(s => s.ReferenceWeeks);
            Assert.Equal((14 * 50) + 101, weeks);
            var agreement = (double)g.Sum(s => s.AgreeingWeeks) / weeks;
            Assert.True(agreement >= 0.99, $"{g.Key}: agreement {agreement}");
        }
    }

    [Fact]
    public void Flat_series_gives_the_delta_bound_of_a_poisson_mean_with_no_variance()
    {
        var counts = Enumerable.Repeat(10, 209).ToArray();
        var settings = FarringtonSettings.Farrington1996(3);
        var week = Assert.Single(FarringtonFlexible.Run(counts, settings, 209, 209));
        Assert.Equal(10, week.Expected, 6);
        Assert.Equal(1, week.Phi);
        // (10^(2/3) + z0.95 · √(4/9 · 10^(1/3) · φ))^(3/2) with φ = 1 and no prediction variance.
        Assert.Equal(15.629245690763051, week.Week.UpperBound, 5);
        Assert.False(week.Week.Alarm);
    }

    [Fact]
    public void Noufaily_bound_is_the_poisson_95_percent_quantile_on_a_flat_series_and_a_spike_alarms()
    {
        var counts = Enumerable.Repeat(10, 209).ToArray();
        counts[^1] = 30;
        var week = Assert.Single(FarringtonFlexible.Run(counts, FarringtonSettings.Noufaily2013(3), 209, 209));
        Assert.Equal(15, week.Week.UpperBound); // qpois(0.95, 10) = 15
        Assert.True(week.Week.Alarm);
    }

    [Fact]
    public void Fewer_than_five_cases_in_four_weeks_gives_no_bound_and_no_alarm()
    {
        var random = new Random(7);
        var counts = Enumerable.Range(0, 209).Select(_ => random.Next(0, 2)).ToArray();
        counts[^4] = counts[^3] = counts[^2] = 0;
        counts[^1] = 4;
        var week = Assert.Single(FarringtonFlexible.Run(counts, FarringtonSettings.Farrington1996(3), 209, 209));
        Assert.True(double.IsNaN(week.Week.UpperBound));
        Assert.False(week.Week.Alarm);
    }

    [Fact]
    public void A_range_without_enough_history_is_refused()
    {
        var counts = new int[209];
        Assert.Throws<ArgumentOutOfRangeException>(() => FarringtonFlexible.Run(counts, FarringtonSettings.Farrington1996(3), 159, 209));
        Assert.Throws<ArgumentOutOfRangeException>(() => FarringtonFlexible.Run(counts, FarringtonSettings.Farrington1996(3), 160, 210));
    }

    [Theory]
    [InlineData(0.95, 5, 0.5, 11)]   // R: qnbinom(0.95, 5, 0.5)
    [InlineData(0.5, 5, 0.5, 4)]     // R: qnbinom(0.5, 5, 0.5)
    public void Negative_binomial_quantile_matches_r(double p, double size, double prob, double expected) =>
        Assert.Equal(expected, CountQuantiles.NegativeBinomial(p, size, prob));

    [Theory]
    [InlineData(0.95, 10, 15)]       // R: qpois(0.95, 10)
    [InlineData(0.95, 0.5, 2)]       // R: qpois(0.95, 0.5)
    [InlineData(0.5, 0, 0)]
    public void Poisson_quantile_matches_r(double p, double lambda, double expected) =>
        Assert.Equal(expected, CountQuantiles.Poisson(p, lambda));
}
