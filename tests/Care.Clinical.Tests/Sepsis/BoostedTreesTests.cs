using Care.Clinical.Sepsis;
using Care.Clinical.Sepsis.Boosting;

namespace Care.Clinical.Tests.Sepsis;

public sealed class BoostedTreesTests
{
    private static readonly BoostingOptions Small = new() { Rounds = 30, MaxLeaves = 8, MinLeafRows = 10, LearningRate = 0.2 };

    // y = 1 when x0 + noise > 1 and x1 is not missing; x2 is pure noise.
    private static (float[] Rows, bool[] Labels) Problem(int n, int seed)
    {
        var rng = new Random(seed);
        var rows = new float[n * 3];
        var labels = new bool[n];
        for (int i = 0; i < n; i++)
        {
            rows[i * 3] = (float)(rng.NextDouble() * 2);
            rows[i * 3 + 1] = rng.NextDouble() < 0.3 ? float.NaN : (float)rng.NextDouble();
            rows[i * 3 + 2] = (float)rng.NextDouble();
            labels[i] = rows[i * 3] + 0.2 * rng.NextDouble() > 1.1 && !float.IsNaN(rows[i * 3 + 1]);
        }
        return (rows, labels);
    }

    private static string Text(BoostedTrees model)
    {
        var w = new StringWriter();
        model.Write(w);
        return w.ToString();
    }

    [Fact]
    public void Boosting_learns_a_threshold_rule_with_missing_values_on_unseen_rows()
    {
        var (rows, labels) = Problem(4000, 1);
        var model = BoostingTrainer.Train(rows, 3, labels, Small);
        var (test, truth) = Problem(2000, 2);
        var scores = Enumerable.Range(0, truth.Length).Select(i => (float)model.Margin(test.AsSpan(i * 3, 3))).ToArray();
        Assert.True(RankMetrics.Auroc(scores, truth) > 0.97);
    }

    [Fact]
    public void Same_seed_gives_identical_model_and_other_seed_a_different_one()
    {
        var (rows, labels) = Problem(3000, 3);
        var a = Text(BoostingTrainer.Train(rows, 3, labels, Small with { Seed = 7 }));
        var b = Text(BoostingTrainer.Train(rows, 3, labels, Small with { Seed = 7, Threads = 1 }));
        var c = Text(BoostingTrainer.Train(rows, 3, labels, Small with { Seed = 8 }));
        Assert.Equal(a, b);
        Assert.NotEqual(a, c);
    }

    [Fact]
    public void Contributions_plus_bias_equal_the_margin_and_noise_feature_matters_least()
    {
        var (rows, labels) = Problem(4000, 4);
        var model = BoostingTrainer.Train(rows, 3, labels, Small);
        var contributions = new double[3];
        double[] total = new double[3];
        for (int i = 0; i < 500; i++)
        {
            var x = rows.AsSpan(i * 3, 3);
            double bias = model.Contributions(x, contributions);
            Assert.Equal(model.Margin(x), bias + contributions.Sum(), 9);
            for (int f = 0; f < 3; f++)
            {
                total[f] += Math.Abs(contributions[f]);
            }
        }
        Assert.True(total[2] < total[0] && total[2] < total[1]);
    }

    private static double LogLoss(BoostedTrees model, float[] rows, bool[] labels)
    {
        double sum = 0;
        for (int i = 0; i < labels.Length; i++)
        {
            double p = 1 / (1 + Math.Exp(-model.Margin(rows.AsSpan(i * 3, 3))));
            sum -= Math.Log(labels[i] ? p : 1 - p);
        }
        return sum / labels.Length;
    }

    [Fact]
    public void Early_stopping_keeps_the_round_with_the_best_validation_loss()
    {
        // Labels with 20 % noise: many deep rounds at a high rate overfit.
        var (rows, labels) = Problem(3000, 5);
        var (valid, validLabels) = Problem(1500, 6);
        var rng = new Random(7);
        labels = [.. labels.Select(l => rng.NextDouble() < 0.2 ? !l : l)];
        validLabels = [.. validLabels.Select(l => rng.NextDouble() < 0.2 ? !l : l)];
        var options = Small with { Rounds = 150, LearningRate = 0.5, MaxLeaves = 31, MinLeafRows = 2, NegativeRowFraction = 1, PositiveRowFraction = 1, EarlyStoppingRounds = 10 };
        var stopped = BoostingTrainer.Train(rows, 3, labels, options, validation: (valid, validLabels, null));
        var full = BoostingTrainer.Train(rows, 3, labels, options with { EarlyStoppingRounds = 0 });
        Assert.Equal(150, full.TreeCount);
        Assert.InRange(stopped.TreeCount, 1, 140);
        Assert.True(LogLoss(stopped, valid, validLabels) < LogLoss(full, valid, validLabels));
        // The kept trees are exactly the first trees of the unstopped run.
        var prefix = BoostingTrainer.Train(rows, 3, labels, options with { EarlyStoppingRounds = 0, Rounds = stopped.TreeCount });
        Assert.Equal(Text(prefix), Text(stopped));
    }

    [Fact]
    public void Row_weights_of_one_change_nothing_and_zero_weights_hide_corrupted_rows()
    {
        var (rows, labels) = Problem(4000, 8);
        var plain = Text(BoostingTrainer.Train(rows, 3, labels, Small));
        var ones = Text(BoostingTrainer.Train(rows, 3, labels, Small, weights: [.. Enumerable.Repeat(1f, labels.Length)]));
        Assert.Equal(plain, ones);
        // Invert the labels of the first half and give those rows weight 0: the rule is still learnt.
        var corrupted = labels.Select((l, i) => i < 2000 ? !l : l).ToArray();
        var weights = Enumerable.Range(0, labels.Length).Select(i => i < 2000 ? 0f : 1f).ToArray();
        var model = BoostingTrainer.Train(rows, 3, corrupted, Small, weights: weights);
        var (test, truth) = Problem(2000, 9);
        var scores = Enumerable.Range(0, truth.Length).Select(i => (float)model.Margin(test.AsSpan(i * 3, 3))).ToArray();
        Assert.True(RankMetrics.Auroc(scores, truth) > 0.95);
    }

    [Fact]
    public void Averaged_bag_scores_the_mean_of_its_members_margins()
    {
        var (rows, labels) = Problem(2000, 10);
        var a = BoostingTrainer.Train(rows, 3, labels, Small with { Seed = 1 });
        var b = BoostingTrainer.Train(rows, 3, labels, Small with { Seed = 2, Rounds = 17 });
        var bag = BoostedTrees.Average([a, b]);
        Assert.Equal(a.TreeCount + b.TreeCount, bag.TreeCount);
        var contributions = new double[3];
        for (int i = 0; i < 200; i++)
        {
            var x = rows.AsSpan(i * 3, 3);
            Assert.Equal((a.Margin(x) + b.Margin(x)) / 2, bag.Margin(x), 9);
            Assert.Equal(bag.Margin(x), bag.Contributions(x, contributions) + contributions.Sum(), 9);
        }
    }

    [Fact]
    public void Written_model_reads_back_to_identical_margins()
    {
        var (rows, labels) = Problem(2000, 5);
        var model = BoostingTrainer.Train(rows, 3, labels, Small);
        var copy = BoostedTrees.Read(new StringReader(Text(model)), "test");
        Assert.Equal(Text(model), Text(copy));
        for (int i = 0; i < 200; i++)
        {
            Assert.Equal(model.Margin(rows.AsSpan(i * 3, 3)), copy.Margin(rows.AsSpan(i * 3, 3)));
        }
    }

    [Fact]
    public void Truncated_model_file_is_rejected_naming_the_line()
    {
        var (rows, labels) = Problem(1000, 6);
        var text = Text(BoostingTrainer.Train(rows, 3, labels, Small with { Rounds = 2 }));
        var cut = string.Join('\n', text.Split('\n').Take(6));
        var e = Assert.Throws<Care.Core.Errors.InvalidInputException>(() => BoostedTrees.Read(new StringReader(cut), "m.txt"));
        Assert.Contains("m.txt line 7", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Invalid_options_are_rejected()
    {
        var (rows, labels) = Problem(100, 7);
        Assert.Throws<ArgumentOutOfRangeException>(() => BoostingTrainer.Train(rows, 3, labels, Small with { NegativeRowFraction = 0 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => BoostingTrainer.Train(rows, 3, labels, Small with { Rounds = 0 }));
    }
}
