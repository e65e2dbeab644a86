using Care.Cardio.Rhythm;

namespace Care.Cardio.Tests.Rhythm;

public sealed class IrregularityAfDetectorTests
{
    private static readonly IrregularityAfSettings Setting = new(0.08, 0.55, SkipVentricular: true, AtrialVeto: true);

    private static int LabelledIntervals(IEnumerable<AfInterval> intervals, IrregularityAfSettings settings)
    {
        var af = new IrregularityAfDetector(settings);
        var dating = new AfEpisodeDating(af.Delay);
        var n = 0;
        foreach (var i in intervals)
        {
            dating.Add(af, i, n++);
        }
        return (int)dating.Episodes(n).Sum(e => e.End - e.Start);
    }

    private static IEnumerable<AfInterval> Random(int seed, int count, double atrial = double.NaN)
    {
        var random = new Random(seed);
        for (var i = 0; i < count; i++)
        {
            yield return new AfInterval(0.4 + 0.8 * random.NextDouble(), atrial, false, false);
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Given_irregular_intervals_without_p_waves_When_added_Then_most_are_labelled_af(int seed) =>
        Assert.InRange(LabelledIntervals(Random(seed, 400), Setting), 300, 400);

    [Fact]
    public void Given_the_same_intervals_after_a_steady_p_wave_When_added_Then_none_is_af() =>
        Assert.Equal(0, LabelledIntervals(Random(1, 400, atrial: 0.9).Select(i => i with { RrSeconds = 0.7 + 0.5 * (i.RrSeconds - 0.4) / 0.8 }), Setting));

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(5)]
    public void Given_sinus_rhythm_with_pvcs_classed_v_When_their_intervals_are_left_out_Then_it_is_not_af(int every)
    {
        // Premature (0.5 s) then compensatory (1.1 s) intervals around every n-th beat; the
        // regular intervals jitter by 2 %.
        var random = new Random(every);
        var beats = Enumerable.Range(0, 600).Select(i =>
        {
            var pvc = i % every == 0;
            var after = i % every == 1;
            var rr = pvc ? 0.5 + 0.1 * random.NextDouble() : after ? 1.1 : 0.8 * (1 + 0.02 * (random.NextDouble() - 0.5));
            return new AfInterval(rr, double.NaN, StartsAtVentricular: after, EndsAtVentricular: pvc);
        }).ToList();
        Assert.Equal(0, LabelledIntervals(beats, Setting));
    }

    [Fact]
    public void Given_alternating_intervals_When_added_Then_bigeminy_is_not_af()
    {
        var beats = Enumerable.Range(0, 400).Select(i => new AfInterval(i % 2 == 0 ? 0.55 : 1.0, double.NaN, false, false));
        Assert.Equal(0, LabelledIntervals(beats, Setting with { SkipVentricular = false }));
    }

    [Fact]
    public void Given_af_at_twice_the_rate_When_added_Then_the_decision_is_the_same()
    {
        // Relative thresholds: halving every interval (a faster rate) labels the same intervals.
        var slow = Random(7, 400).ToList();
        var fast = slow.Select(i => i with { RrSeconds = i.RrSeconds / 2 }).ToList();
        Assert.Equal(LabelledIntervals(slow, Setting), LabelledIntervals(fast, Setting));
    }

    [Theory]
    [InlineData(0, 0.5)]
    [InlineData(1, 0.5)]
    [InlineData(double.NaN, 0.5)]
    [InlineData(0.08, 1)]
    [InlineData(0.08, double.NaN)]
    public void Given_settings_out_of_range_When_creating_Then_it_throws(double difference, double fraction) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new IrregularityAfDetector(new IrregularityAfSettings(difference, fraction, true, true)));

    [Fact]
    public void Given_implausible_intervals_When_added_Then_they_are_ignored_and_reset_forgets()
    {
        var af = new IrregularityAfDetector(Setting);
        foreach (var i in Random(3, 200))
        {
            af.Add(i);
        }
        Assert.True(af.InAf);
        Assert.False(af.Add(new AfInterval(double.NaN, 0, false, false)));
        Assert.False(af.Add(new AfInterval(7.5, 0, false, false)));
        af.Reset();
        Assert.False(af.InAf);
    }
}
