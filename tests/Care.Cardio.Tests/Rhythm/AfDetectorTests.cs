using Care.Cardio.Rhythm;

namespace Care.Cardio.Tests.Rhythm;

public sealed class AfDetectorTests
{
    private static int FirstAfBeat(IEnumerable<(double Rr, double Atrial)> beats)
    {
        var af = new AfDetector();
        var i = 0;
        foreach (var (rr, atrial) in beats)
        {
            if (af.Add(rr, atrial) && af.InAf)
            {
                return i;
            }
            i++;
        }
        return -1;
    }

    private static IEnumerable<(double, double)> Random(int seed, double atrial, int count = 400)
    {
        var random = new Random(seed);
        for (var i = 0; i < count; i++)
        {
            yield return (0.4 + 0.8 * random.NextDouble(), atrial);
        }
    }

    [Fact]
    public void Irregularly_irregular_rhythm_without_p_waves_is_af_within_a_minute()
    {
        var first = FirstAfBeat(Random(1, double.NaN));
        Assert.InRange(first, AfDetector.Window, 80);
        Assert.InRange(FirstAfBeat(Random(2, 0.1)), AfDetector.Window, 80);
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
        for (var i = 0; i < 60; i++)
        {
            af.Add(0.8, 0.9);
        }
        Assert.False(af.InAf);
        af.Reset();
        Assert.False(af.InAf);
    }
}
