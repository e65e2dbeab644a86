using Care.Cardio.Classes;
using Care.Cardio.Tests.Detection;
using Care.Core.Errors;

namespace Care.Cardio.Tests.Classes;

public sealed class BeatClassifierTests
{
    [Theory]
    [InlineData(1, AamiClass.N)]
    [InlineData(2, AamiClass.N)]
    [InlineData(8, AamiClass.S)]
    [InlineData(4, AamiClass.S)]
    [InlineData(5, AamiClass.V)]
    [InlineData(10, AamiClass.V)]
    [InlineData(6, AamiClass.F)]
    [InlineData(12, AamiClass.Q)]
    [InlineData(38, AamiClass.Q)]
    public void Mit_codes_map_to_aami_classes(int code, AamiClass expected) =>
        Assert.Equal(expected, AamiClasses.Of(code));

    [Fact]
    public void Non_beat_codes_have_no_class() => Assert.Null(AamiClasses.Of(28));

    private static (List<float[]> X, List<AamiClass> Y) Toy(int seed)
    {
        // Three separable clusters in feature space: N near 0, S with short RR (feature 0), V with a big peak (feature 8).
        var random = new Random(seed);
        var x = new List<float[]>();
        var y = new List<AamiClass>();
        for (var i = 0; i < 600; i++)
        {
            var c = (AamiClass)(i % 3);
            x.Add(ToyBeats.Features(c, random));
            y.Add(c);
        }
        return (x, y);
    }

    [Fact]
    public void Training_is_reproducible_with_its_seed_and_the_file_round_trips()
    {
        var (x, y) = Toy(1);
        var a = BeatTrainer.Train(x, y, seed: 1, "test", epochs: 5);
        var b = BeatTrainer.Train(x, y, seed: 1, "test", epochs: 5);
        Assert.Equal(a.ToJson(), b.ToJson());
        var back = BeatModel.FromJson(a.ToJson(), "m.json");
        Assert.Equal(a.Q1, back.Q1);
        Assert.Equal(a.W2, back.W2);
    }

    [Fact]
    public void Int8_inference_agrees_with_float_on_a_learnable_problem()
    {
        var (x, y) = Toy(2);
        var model = BeatTrainer.Train(x, y, seed: 1, "test");
        var (tx, ty) = Toy(3);
        var hidden = new float[model.Hidden];
        var input8 = new sbyte[model.Inputs];
        var hidden8 = new sbyte[model.Hidden];
        var floatRight = 0;
        var agree = 0;
        for (var i = 0; i < tx.Count; i++)
        {
            var f = model.ClassifyFloat(tx[i], hidden);
            var q = model.ClassifyInt8(tx[i], input8, hidden8);
            floatRight += f == ty[i] ? 1 : 0;
            agree += f == q ? 1 : 0;
        }
        Assert.True(floatRight > 0.95 * tx.Count, $"float accuracy {floatRight}/{tx.Count}");
        Assert.True(agree > 0.98 * tx.Count, $"INT8 agrees on {agree}/{tx.Count}");
    }

    [Fact]
    public void Shipped_model_loads_and_a_mismatched_file_is_rejected()
    {
        var model = BeatModel.Shipped();
        Assert.Equal(BeatFeatures.Count, model.Inputs);
        Assert.Contains("care train beats", model.Provenance, StringComparison.Ordinal);
        Assert.Throws<InvalidInputException>(() => BeatModel.FromJson("{\"Version\":1,\"Inputs\":3}", "bad.json"));
        Assert.Throws<InvalidInputException>(() => BeatModel.FromJson("not json", "bad.json"));
    }

    [Fact]
    public void Regular_synthetic_beats_are_normal_and_rarely_reach_the_heavy_tier()
    {
        var (samples, truth) = SyntheticEcg.Make(360, 120, bpm: 70, seed: 8, noiseMv: 0.01);
        var classes = BeatDataset.Classify(samples, 360, truth, BeatModel.Shipped());
        Assert.True(classes.Count(c => c == AamiClass.N) > 0.9 * classes.Length);
    }
}
