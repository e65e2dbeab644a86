using Care.Cardio.Rhythm;

namespace Care.Cardio.Tests.Rhythm;

public sealed class HrvAccumulatorTests
{
    private const double Fs = 250;

    private static List<HrvSummary> Feed(HrvAccumulator hrv, IEnumerable<double> rrs)
    {
        var windows = new List<HrvSummary>();
        long t = 0;
        foreach (var rr in rrs)
        {
            t += (long)Math.Round(rr * Fs);
            if (hrv.Add(t, rr, out var done))
            {
                windows.Add(done);
            }
        }
        windows.Add(hrv.Summary(t));
        return windows;
    }

    [Fact]
    public void Steady_rhythm_has_no_variability_and_its_rate()
    {
        var w = Feed(new HrvAccumulator(Fs), Enumerable.Repeat(0.8, 300))[0];
        Assert.Equal(0, w.SdnnMs, 9);
        Assert.Equal(0, w.RmssdMs, 9);
        Assert.Equal(0, w.Pnn50Percent);
        Assert.Equal(75, w.MeanHeartRateBpm, 9);
    }

    [Fact]
    public void Alternating_intervals_give_the_textbook_figures()
    {
        // 800/900 ms alternating: successive differences all 100 ms; SDNN of {800, 900} equally = 50 ms (n-1 corrected: a bit more).
        var rrs = Enumerable.Range(0, 200).Select(i => i % 2 == 0 ? 0.8 : 0.9).ToList();
        var w = Feed(new HrvAccumulator(Fs), rrs)[0];
        Assert.Equal(100, w.RmssdMs, 6);
        Assert.Equal(100, w.Pnn50Percent, 9);
        Assert.Equal(50 * Math.Sqrt(200.0 / 199), w.SdnnMs, 6);
        Assert.Equal(850, w.MeanNnMs, 6);
    }

    [Fact]
    public void Windows_close_every_five_minutes()
    {
        // 16 minutes at 1 s: windows [0,5), [5,10), [10,15) close, [15,16) stays open.
        var windows = Feed(new HrvAccumulator(Fs), Enumerable.Repeat(1.0, 960));
        Assert.Equal(4, windows.Count);
        Assert.Equal(0, windows[0].StartSample);
        Assert.Equal(300 * (long)Fs, windows[1].StartSample);
        Assert.InRange(windows[0].Intervals, 298, 300);
    }

    [Fact]
    public void Ectopic_pairs_and_gaps_are_left_out()
    {
        var rrs = new List<double>();
        for (var i = 0; i < 100; i++)
        {
            rrs.AddRange(i % 10 == 5 ? [0.5, 1.1] : [0.8]); // a PVC with compensatory pause every 10 beats
        }
        rrs.Add(4.0); // a gap (lost signal)
        rrs.AddRange(Enumerable.Repeat(0.8, 20));
        var w = Feed(new HrvAccumulator(Fs), rrs)[0];
        Assert.Equal(0, w.RmssdMs, 9);
        Assert.Equal(110, w.Intervals); // 90 normal intervals before the gap, 20 after
    }
}
