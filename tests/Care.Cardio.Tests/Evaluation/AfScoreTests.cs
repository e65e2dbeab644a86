using Care.Cardio.Evaluation;

namespace Care.Cardio.Tests.Evaluation;

public sealed class AfScoreTests
{
    [Fact]
    public void Given_episodes_When_compared_Then_burden_overlap_and_30_s_episodes_are_counted()
    {
        // 100 Hz, 10 000 samples (100 s). Reference: 20 s (kept) and 5 s (too short). Detected: 30 s
        // overlapping the first by 15 s, and 35 s elsewhere.
        var score = AfScore.Compare("x", 100, 10_000, [(1000, 3000), (5000, 5500)], [(2000, 5000), (6000, 9500)]);
        Assert.Equal(1000, score.OverlapSamples);
        Assert.Equal(25, score.ReferenceBurdenPercent, 9);
        Assert.Equal(65, score.DetectedBurdenPercent, 9);
        Assert.Equal(40, score.BurdenErrorPoints, 9);
        Assert.Equal(0, score.ReferenceLongEpisodes);
        Assert.Equal(2, score.DetectedLongEpisodes);
        Assert.Equal(1, score.DetectedLongEpisodesTrue);
        Assert.Equal((6500 - 1000) / 100.0 / 60, score.FalseAfMinutes, 9);
    }

    [Fact]
    public void Given_records_When_totalled_Then_gross_rates_sum_samples_and_name_the_worst_burden()
    {
        var a = AfScore.Compare("a", 100, 10_000, [(0, 5000)], [(0, 4000)]);
        var b = AfScore.Compare("b", 100, 10_000, [], [(0, 1200)]);
        var t = AfTotals.Of([a, b]);
        Assert.Equal(80, t.DurationSe, 9);
        Assert.Equal(100.0 * 4000 / 5200, t.DurationPpv, 9);
        Assert.Equal("b", t.WorstBurdenRecord);
        Assert.Equal(12, t.MaxBurdenErrorPoints, 9);
        Assert.Equal(1, t.NonAfRecordsWithFalseAf);
        Assert.Equal(0.2, t.FalseAfMinutesOnNonAfRecords, 9);
    }

    [Fact]
    public void Given_a_negative_length_When_compared_Then_it_throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => AfScore.Compare("x", 100, -1, [], []));
}
