using Care.Patch.Ecg;

namespace Care.Patch.Tests.Ecg;

public sealed class VentricularRunTrackerTests
{
    // Beats at 250 Hz: sinus every 0.8 s (200 samples), ventricular beats at 0.45 s (about 112 samples).
    private static List<VentricularRunTracker.Run> Runs(string pattern, int sinus = 200, int ventricular = 112, int compensatory = 280)
    {
        var tracker = new VentricularRunTracker();
        var runs = new List<VentricularRunTracker.Run>();
        long at = 0;
        var previous = 'N';
        foreach (var c in pattern)
        {
            // 'V' and 'x' (a ventricular beat classed otherwise) come at the run's pace; 'N' after a V comes after a compensatory pause.
            at += c is 'V' or 'x' ? ventricular : previous is 'V' or 'x' ? compensatory : sinus;
            previous = c;
            if (tracker.Add(at, c == 'V') is { } run)
            {
                runs.Add(run);
            }
        }
        if (tracker.End() is { } last)
        {
            runs.Add(last);
        }
        return runs;
    }

    [Fact]
    public void Three_consecutive_ventricular_beats_are_one_run()
    {
        var run = Assert.Single(Runs("NNNVVVNNN"));
        Assert.Equal(3, run.Beats);
        Assert.True(run.EndSample > run.StartSample);
    }

    [Theory]
    [InlineData("NNNVxVVNNN", 4)]
    [InlineData("NNNVVxVNNN", 4)]
    [InlineData("NNNVxVNNN", 3)]
    public void A_run_survives_one_misclassified_beat_inside_it(string pattern, int beats) =>
        Assert.Equal(beats, Assert.Single(Runs(pattern)).Beats);

    [Fact]
    public void Two_misclassified_beats_in_a_row_end_the_run()
    {
        var runs = Runs("NNNVVVxxVVVNNN");
        Assert.Equal(2, runs.Count);
        Assert.All(runs, r => Assert.Equal(3, r.Beats));
    }

    [Fact]
    public void Couplets_and_single_ventricular_beats_are_not_runs()
    {
        Assert.Empty(Runs("NNVNNNVVNNNNVN"));
        Assert.Empty(Runs("V"));
        Assert.Empty(Runs(""));
    }

    [Fact]
    public void Ventricular_bigeminy_is_not_a_run()
    {
        // V N V N …: each N comes after a compensatory pause, off the pace of the V beats.
        Assert.Empty(Runs(string.Concat(Enumerable.Repeat("VN", 40))));
    }

    [Fact]
    public void A_run_at_the_end_of_the_stream_is_reported_and_reset_forgets_it()
    {
        Assert.Equal(4, Assert.Single(Runs("NNNVVVV")).Beats);
        var tracker = new VentricularRunTracker();
        tracker.Add(100, true);
        tracker.Add(212, true);
        tracker.Reset();
        tracker.Add(324, true);
        Assert.Null(tracker.End());
    }
}
