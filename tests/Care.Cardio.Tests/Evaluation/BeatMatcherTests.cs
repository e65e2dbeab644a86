using Care.Cardio.Evaluation;
using Care.Cardio.Wfdb;

namespace Care.Cardio.Tests.Evaluation;

public sealed class BeatMatcherTests
{
    private static Annotation N(long t) => new(t, AnnotationCodes.Normal);

    [Fact]
    public void Detections_within_150_ms_match_and_beyond_do_not()
    {
        // 360 Hz: 150 ms = 54 samples.
        var reference = new[] { N(1000), N(2000), N(3000) };
        var result = BeatMatcher.Compare(reference, [1054, 2055, 3000], 360, 0);
        Assert.Equal(2, result.TruePositives);
        Assert.Equal(1, result.FalseNegatives);
        Assert.Equal(1, result.FalsePositives);
        Assert.Equal([2000L], result.Missed);
        Assert.Equal([2055L], result.Extra);
    }

    [Fact]
    public void Learning_period_is_not_scored_and_whole_scores_everything()
    {
        var reference = new[] { N(100), N(500), N(1000), N(1500) };
        var detections = new long[] { 300, 1000, 1500 };
        var scored = BeatMatcher.Compare(reference, detections, 360, startSample: 800);
        Assert.Equal((2, 0, 0), (scored.TruePositives, scored.FalseNegatives, scored.FalsePositives));
        var whole = BeatMatcher.Compare(reference, detections, 360, startSample: 0);
        Assert.Equal((2, 2, 1), (whole.TruePositives, whole.FalseNegatives, whole.FalsePositives));
    }

    [Fact]
    public void Only_beat_annotations_count_and_ventricular_flutter_is_excluded()
    {
        var reference = new Annotation[]
        {
            N(1000),
            new(1500, AnnotationCodes.Rhythm, Aux: "(VFL"),
            new(1600, AnnotationCodes.VfOn),
            new(1700, 31), // '!' flutter wave: a beat code, but inside [ ] it is not scored
            new(1900, AnnotationCodes.VfOff),
            new(2500, AnnotationCodes.Noise),
            N(3000),
        };
        var result = BeatMatcher.Compare(reference, [1000, 1750, 1800, 3001], 360, 0);
        Assert.Equal((2, 0, 0), (result.TruePositives, result.FalseNegatives, result.FalsePositives));
    }

    [Fact]
    public void Each_reference_beat_pairs_with_the_closer_of_two_detections()
    {
        var result = BeatMatcher.Compare([N(1000)], [980, 1001], 360, 0);
        Assert.Equal((1, 0, 1), (result.TruePositives, result.FalseNegatives, result.FalsePositives));
        Assert.Equal([980L], result.Extra);
    }

    [Fact]
    public void Empty_inputs_give_undefined_rates_not_errors()
    {
        var result = BeatMatcher.Compare([], [], 360, 0);
        Assert.True(double.IsNaN(result.SensitivityPercent));
        Assert.True(double.IsNaN(result.PositivePredictivityPercent));
    }
}
