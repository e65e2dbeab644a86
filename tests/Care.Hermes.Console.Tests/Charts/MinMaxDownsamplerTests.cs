using Care.Hermes.Console.Charts;

namespace Care.Hermes.Console.Tests.Charts;

public sealed class MinMaxDownsamplerTests
{
    private const long Start = 1_700_000_000;

    [Fact]
    public void Given_14_days_of_minute_data_When_reduced_to_1000_columns_Then_at_most_two_points_per_column_remain_and_every_extreme_survives()
    {
        var rng = new Random(17);
        int n = 14 * 1440;
        var t = new long[n];
        var v = new double[n];
        for (int i = 0; i < n; i++)
        {
            t[i] = Start + (i * 60L);
            v[i] = 120 + (40 * Math.Sin(i / 300.0)) + rng.NextDouble();
        }
        v[7_777] = 38;   // a 1-minute hypoglycaemia
        v[12_345] = 420; // a 1-minute spike
        var d = MinMaxDownsampler.Downsample(t, v, Start, Start + (n * 60L), 1000);
        Assert.InRange(d.TimesSeconds.Length, 1000, 2000);
        Assert.Contains(38, d.Values);
        Assert.Contains(420, d.Values);
        Assert.Equal(v.Min(), d.Values.Min());
        Assert.Equal(v.Max(), d.Values.Max());
        Assert.True(d.TimesSeconds.Zip(d.TimesSeconds.Skip(1)).All(p => p.First <= p.Second), "times stay in order");
        Assert.DoesNotContain(double.NaN, d.Values);
    }

    [Fact]
    public void Given_a_six_hour_gap_When_reduced_Then_a_gap_marker_breaks_the_line()
    {
        long[] t = [Start, Start + 60, Start + 120, Start + (6 * 3600), Start + (6 * 3600) + 60];
        double[] v = [1, 2, 3, 4, 5];
        var d = MinMaxDownsampler.Downsample(t, v, Start, Start + (7 * 3600), 500);
        Assert.Single(d.Values, double.IsNaN);
        Assert.Null(d.JsonValues.ElementAt(Array.FindIndex(d.Values, double.IsNaN)));
    }

    [Fact]
    public void Given_points_outside_the_window_and_NaN_values_When_reduced_Then_they_are_left_out()
    {
        long[] t = [Start - 60, Start, Start + 60, Start + 120];
        double[] v = [99, 1, double.NaN, 3];
        var d = MinMaxDownsampler.Downsample(t, v, Start, Start + 120, 10);
        Assert.Equal([1.0], d.Values);
        Assert.Equal([Start], d.TimesSeconds);
    }

    [Fact]
    public void Given_mismatched_spans_or_an_empty_window_When_reduced_Then_it_throws()
    {
        Assert.Throws<ArgumentException>(() => MinMaxDownsampler.Downsample([1, 2], [1.0], 0, 10, 10));
        Assert.Throws<ArgumentOutOfRangeException>(() => MinMaxDownsampler.Downsample([1], [1.0], 10, 10, 10));
        Assert.Throws<ArgumentOutOfRangeException>(() => MinMaxDownsampler.Downsample([1], [1.0], 0, 10, 0));
    }
}
