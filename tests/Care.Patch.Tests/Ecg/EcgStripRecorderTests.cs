using Care.Cardio.Classes;
using Care.Core.Strips;
using Care.Patch.Ecg;

namespace Care.Patch.Tests.Ecg;

public sealed class EcgStripRecorderTests
{
    private const int Rate = 250;

    // Sample s holds (s % 1000) µV; a beat every 200 samples, every fifth classed V.
    private static EcgStripRecorder Fed(int seconds, EcgStripRecorder? recorder = null, long from = 0)
    {
        recorder ??= new EcgStripRecorder(Rate);
        var block = new float[Rate];
        for (var s = 0; s < seconds; s++)
        {
            for (var i = 0; i < Rate; i++)
            {
                var n = from + s * Rate + i;
                block[i] = n % 1000 / 1000f;
                if (n % 200 == 0)
                {
                    recorder.AddBeat(n, n / 200 % 5 == 0 ? AamiClass.V : AamiClass.N);
                }
            }
            recorder.Append(block);
        }
        return recorder;
    }

    [Fact]
    public void Given_an_anchor_When_ten_seconds_follow_it_Then_the_strip_spans_ten_seconds_either_side_with_its_beats()
    {
        var recorder = Fed(30);
        EcgStrip? delivered = null;
        var capture = recorder.Capture(25 * Rate, s => delivered = s);
        Assert.Null(capture.Strip);
        Fed(4, recorder, 30 * Rate);
        Assert.Null(capture.Strip);
        Fed(1, recorder, 34 * Rate);
        var strip = Assert.IsType<EcgStrip>(capture.Strip);
        Assert.Same(strip, delivered);
        Assert.Equal(15 * Rate, strip.FirstSample);
        Assert.Equal(20 * Rate, strip.Microvolts.Count);
        Assert.All(Enumerable.Range(0, strip.Microvolts.Count), i => Assert.Equal((int)((strip.FirstSample + i) % 1000), strip.Microvolts[i]));
        Assert.Equal(25, strip.Beats.Count);
        Assert.All(strip.Beats, b => Assert.Equal((strip.FirstSample + b.Offset) / 200 % 5 == 0 ? 'V' : 'N', b.Class));
        Assert.True(strip.SameAs(EcgStripCodec.Decode(EcgStripCodec.Encode(strip))));
        Assert.Equal(0, recorder.Pending);
    }

    [Fact]
    public void Given_anchors_near_the_start_or_older_than_the_history_When_captured_Then_the_strip_starts_where_the_signal_does()
    {
        var recorder = Fed(EcgStripRecorder.HistorySeconds + 30);
        // Its whole window has left the history: an empty strip, dated at the window's end.
        var early = recorder.Capture(2 * Rate).Strip!;
        Assert.Equal(12 * Rate, early.FirstSample);
        Assert.Empty(early.Microvolts);
        var old = recorder.Capture(35 * Rate).Strip!;
        Assert.Equal(30 * Rate, old.FirstSample);
        Assert.Equal(15 * Rate, old.Microvolts.Count);
    }

    [Fact]
    public void Given_a_recording_that_ends_When_completed_Then_a_pending_strip_is_cut_short()
    {
        var recorder = Fed(20);
        var capture = recorder.Capture(18 * Rate);
        recorder.CompleteAll();
        Assert.Equal(12 * Rate, capture.Strip!.Microvolts.Count);
        Assert.Throws<ArgumentOutOfRangeException>(() => recorder.Capture(21 * Rate));
        Assert.Throws<ArgumentOutOfRangeException>(() => new EcgStripRecorder(100));
    }
}
