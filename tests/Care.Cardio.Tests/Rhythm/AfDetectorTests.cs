using Care.Cardio.Rhythm;

namespace Care.Cardio.Tests.Rhythm;

public sealed class AfDetectorTests
{
    // The interval from which AF is first labelled (the report comes Delay intervals later), or −1.
    private static int FirstAfBeat(IEnumerable<(double Rr, double Atrial)> beats) =>
        Changes(beats).Where(c => c.InAf).Select(c => c.From).DefaultIfEmpty(-1).First();

    private static List<(int From, int ReportedAt, bool InAf)> Changes(IEnumerable<(double Rr, double Atrial)> beats)
    {
        var af = new AfDetector();
        var changes = new List<(int, int, bool)>();
        var i = 0;
        foreach (var (rr, atrial) in beats)
        {
            if (af.Add(rr, atrial))
            {
                changes.Add((i - AfDetector.Delay, i, af.InAf));
            }
            i++;
        }
        return changes;
    }

    private static IEnumerable<(double, double)> Regular(int count, double atrial) =>
        Enumerable.Repeat((0.8, atrial), count);

    private static IEnumerable<(double, double)> Random(int seed, double atrial, int count = 400)
    {
        var random = new Random(seed);
        for (var i = 0; i < count; i++)
        {
            yield return (0.4 + 0.8 * random.NextDouble(), atrial);
        }
    }

    [Theory]
    [InlineData(1, double.NaN)]
    [InlineData(2, 0.1)]
    public void Irregularly_irregular_rhythm_without_p_waves_is_af_dated_to_its_onset_and_end(int seed, double atrial)
    {
        // 100 sinus beats, 300 AF beats, 200 sinus beats: AF is labelled from its onset, within half a
        // window, over most of the episode, and nowhere in the sinus rhythm after it.
        var changes = Changes(Regular(100, 0.9).Concat(Random(seed, atrial, 300)).Concat(Regular(200, 0.9)));
        Assert.All(changes, c => Assert.Equal(c.From + AfDetector.Delay, c.ReportedAt));
        Assert.True(changes.Count % 2 == 0 && changes.Count > 0, string.Join("; ", changes));
        Assert.InRange(changes[0].From, 100 - AfDetector.Window / 2, 100 + AfDetector.Window / 2);
        var labelled = 0;
        for (var k = 0; k < changes.Count; k += 2)
        {
            Assert.True(changes[k].InAf && !changes[k + 1].InAf);
            Assert.InRange(changes[k + 1].From, changes[k].From, 400 + AfDetector.Window / 2);
            labelled += changes[k + 1].From - changes[k].From;
        }
        // Seeds 1–8 label 77–94 % of the 300 AF intervals (windows of uniform random RR fail the
        // turning-point or entropy test 10–20 % of the time, which trims the majority at the ends).
        Assert.InRange(labelled, 210, 300 + AfDetector.Window);
    }

    [Fact]
    public void A_p_wave_correlation_after_a_short_interval_is_not_taken_as_a_p_wave()
    {
        // Fast AF (RR 0.35–0.65 s): the atrial segment then starts inside the previous T wave, which
        // correlates from beat to beat; it must not veto the irregular rhythm.
        var random = new Random(4);
        var fast = Enumerable.Range(0, 400).Select(_ => (0.35 + 0.3 * random.NextDouble(), 0.9));
        Assert.InRange(FirstAfBeat(fast), 0, AfDetector.Window);
    }

    [Fact]
    public void Same_rhythm_with_a_steady_p_wave_before_each_beat_is_not_af() =>
        Assert.Equal(-1, FirstAfBeat(Random(1, 0.9)));

    [Theory]
    [InlineData(2)]  // bigeminy
    [InlineData(3)]  // trigeminy
    [InlineData(7)]  // an occasional PVC
    public void Regular_rhythm_with_patterned_ectopy_is_not_af(int every)
    {
        var beats = Enumerable.Range(0, 400).Select(i => (i % every == 0 ? 0.5 : i % every == 1 ? 1.1 : 0.8, double.NaN));
        Assert.Equal(-1, FirstAfBeat(beats));
    }

    [Fact]
    public void Sinus_arrhythmia_is_not_af()
    {
        // Breathing modulates RR smoothly by ±15 % over 5 beats.
        var beats = Enumerable.Range(0, 400).Select(i => (0.9 + 0.135 * Math.Sin(2 * Math.PI * i / 5.0), double.NaN));
        Assert.Equal(-1, FirstAfBeat(beats));
    }

    [Fact]
    public void Af_ends_when_the_rhythm_turns_regular_and_implausible_intervals_are_ignored()
    {
        var af = new AfDetector();
        foreach (var (rr, atrial) in Random(3, double.NaN, 200))
        {
            af.Add(rr, atrial);
        }
        Assert.True(af.InAf);
        Assert.False(af.Add(double.NaN));
        Assert.False(af.Add(7.5));
        Assert.False(AfDetector.Accepts(0.1));
        for (var i = 0; i < AfDetector.Delay + AfDetector.Window; i++)
        {
            af.Add(0.8, 0.9);
        }
        Assert.False(af.InAf);
        af.Reset();
        Assert.False(af.InAf);
    }
}
