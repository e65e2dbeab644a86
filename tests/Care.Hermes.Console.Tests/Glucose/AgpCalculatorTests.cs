using Care.Hermes.Console.Glucose;

namespace Care.Hermes.Console.Tests.Glucose;

public sealed class AgpCalculatorTests
{
    private const long Midnight = 1_764_892_800; // 2025-12-05 00:00 UTC

    [Fact]
    public void Given_known_shares_of_each_range_When_profiled_Then_the_time_in_ranges_match_and_add_to_100()
    {
        // 100 readings a day for 14 days: 2 very low, 3 low, 70 in range, 20 high, 5 very high.
        double[] day = [.. Enumerable.Repeat(45.0, 2), .. Enumerable.Repeat(60.0, 3), .. Enumerable.Repeat(120.0, 70), .. Enumerable.Repeat(200.0, 20), .. Enumerable.Repeat(300.0, 5)];
        var (t, v) = Days(14, day);
        var agp = AgpCalculator.Compute(t, v, 14 * 86_400L)!;
        Assert.Equal(2, agp.Ranges.VeryLow, 9);
        Assert.Equal(3, agp.Ranges.Low, 9);
        Assert.Equal(70, agp.Ranges.InRange, 9);
        Assert.Equal(20, agp.Ranges.High, 9);
        Assert.Equal(5, agp.Ranges.VeryHigh, 9);
        Assert.Equal(100, agp.Ranges.Below + agp.Ranges.InRange + agp.Ranges.Above, 9);
        Assert.Equal(14 * 100, agp.Readings);
    }

    [Fact]
    public void Given_range_edges_When_profiled_Then_70_and_180_are_in_range_and_54_is_low()
    {
        var (t, v) = Days(1, [54, 69.9, 70, 180, 180.1, 250, 250.1, 53.9]);
        var r = AgpCalculator.Compute(t, v, 86_400)!.Ranges;
        Assert.Equal(12.5, r.VeryLow, 9);
        Assert.Equal(25, r.Low, 9);
        Assert.Equal(25, r.InRange, 9);
        Assert.Equal(25, r.High, 9);
        Assert.Equal(12.5, r.VeryHigh, 9);
    }

    [Fact]
    public void Given_a_daily_pattern_When_profiled_Then_the_bands_are_ordered_and_the_median_follows_the_pattern()
    {
        var rng = new Random(5);
        int n = 14 * 288;
        var t = new long[n];
        var v = new double[n];
        for (int i = 0; i < n; i++)
        {
            t[i] = Midnight + (i * 300L);
            double hour = (i % 288) / 12.0;
            v[i] = 110 + (hour is >= 12 and < 14 ? 80 : 0) + (rng.NextDouble() * 30);
        }
        var agp = AgpCalculator.Compute(t, v, 14 * 86_400L)!;
        Assert.Equal(96, agp.P50.Length);
        for (int b = 0; b < 96; b++)
        {
            Assert.True(agp.P5[b] <= agp.P25[b] && agp.P25[b] <= agp.P50[b] && agp.P50[b] <= agp.P75[b] && agp.P75[b] <= agp.P95[b], $"bin {b} out of order");
        }
        Assert.InRange(agp.P50[50], 180, 220); // 12:30 UTC, after the daily rise
        Assert.InRange(agp.P50[8], 110, 140);  // 02:00 UTC
        Assert.Equal(5, agp.SampleMinutes);
        Assert.Equal(100, agp.CoveragePercent, 6);
        Assert.Equal(3.31 + (0.02392 * agp.MeanMgPerDl), agp.GmiPercent, 9);
    }

    [Fact]
    public void Given_no_usable_reading_When_profiled_Then_there_is_no_profile()
    {
        Assert.Null(AgpCalculator.Compute([Midnight], [double.NaN], 86_400));
        Assert.Throws<ArgumentOutOfRangeException>(() => AgpCalculator.Compute([Midnight], [100.0], 86_400, binMinutes: 7));
    }

    [Fact]
    public void Given_sorted_values_When_a_percentile_is_asked_Then_it_interpolates_between_order_statistics()
    {
        Assert.Equal(2.5, AgpCalculator.Percentile([1, 2, 3, 4], 50), 9);
        Assert.Equal(1, AgpCalculator.Percentile([1, 2, 3, 4], 0), 9);
        Assert.Equal(4, AgpCalculator.Percentile([1, 2, 3, 4], 100), 9);
        Assert.True(double.IsNaN(AgpCalculator.Percentile([], 50)));
    }

    private static (long[] Times, double[] Values) Days(int days, double[] perDay)
    {
        var t = new List<long>();
        var v = new List<double>();
        for (int d = 0; d < days; d++)
        {
            for (int i = 0; i < perDay.Length; i++)
            {
                t.Add(Midnight + (d * 86_400L) + (i * (86_400L / perDay.Length)));
                v.Add(perDay[i]);
            }
        }
        return ([.. t], [.. v]);
    }
}
