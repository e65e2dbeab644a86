using Care.Cardio.Classes;

namespace Care.Cardio.Tests.Classes;

public sealed class BeatTemplatesTests
{
    private const int Points = 24;

    // A narrow ordinary beat and a wide ectopic one, mean-removed like BeatFeatures' shapes.
    private static double[] Shape(double widthPoints, double amplitude, double noise, Random random)
    {
        var s = new double[Points];
        for (var p = 0; p < Points; p++)
        {
            s[p] = amplitude * Math.Exp(-0.5 * Math.Pow((p - 6) / widthPoints, 2)) + noise * (random.NextDouble() - 0.5);
        }
        var mean = s.Average();
        for (var p = 0; p < Points; p++)
        {
            s[p] -= mean;
        }
        return s;
    }

    [Fact]
    public void In_bigeminy_starting_with_an_ectopic_beat_the_ordinary_beat_becomes_dominant()
    {
        var random = new Random(4);
        var templates = new BeatTemplates(Points);
        int ordinarySlot = -1, ectopicSlot = -1;
        for (var i = 0; i < 60; i++)
        {
            // V (premature, wide, tall) then N, alternating, the stream opening on a V.
            var ectopic = i % 2 == 0;
            var shape = ectopic ? Shape(3, 1.6, 0.02, random) : Shape(1, 1.0, 0.02, random);
            templates.Add(shape, shape.Max(x => Math.Abs(x)), ectopic ? 0.14 : 0.08, premature: ectopic, out var slot);
            (ordinarySlot, ectopicSlot) = ectopic ? (ordinarySlot, slot) : (slot, ectopicSlot);
        }
        Assert.NotEqual(ordinarySlot, ectopicSlot);
        Assert.Equal(ordinarySlot, templates.Dominant);
        Assert.InRange(templates.Width(templates.Dominant), 0.07, 0.09);
    }

    [Fact]
    public void A_steady_beat_keeps_one_template_with_all_the_weight_and_reset_forgets_it()
    {
        var random = new Random(5);
        var templates = new BeatTemplates(Points);
        var share = 0.0;
        for (var i = 0; i < 50; i++)
        {
            var shape = Shape(1, 1.0, 0.02, random);
            share = templates.Add(shape, shape.Max(x => Math.Abs(x)), 0.08, premature: false, out _);
        }
        Assert.Equal(1.0, share, 6);
        Assert.True(BeatTemplates.Correlation(Shape(1, 1.0, 0, random), templates.Shape(templates.Dominant)) > 0.99);
        templates.Reset();
        Assert.Equal(-1, templates.Dominant);
    }

    [Fact]
    public void Correlation_of_a_flat_shape_is_zero_not_nan()
    {
        Assert.Equal(0, BeatTemplates.Correlation(new double[Points], Shape(1, 1, 0, new Random(1))));
    }
}
