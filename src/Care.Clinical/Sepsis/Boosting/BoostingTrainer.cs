namespace Care.Clinical.Sepsis.Boosting;

/// <summary>
/// Trains <see cref="BoostedTrees"/> with binary log-loss on quantile-binned features: best-first
/// leaf growth, histograms built over feature chunks on up to <see cref="BoostingOptions.Threads"/>
/// threads (each feature's sums are accumulated in row order by one thread, so the result does
/// not depend on the thread count), the sibling histogram by subtraction, seeded row and feature
/// sampling. Same data, options and seed give a bit-identical model.
/// </summary>
internal static partial class BoostingTrainer
{
    /// <summary>Trains on row-major <paramref name="rows"/> (<paramref name="features"/> wide) and 0/1 <paramref name="labels"/>.</summary>
    public static BoostedTrees Train(float[] rows, int features, bool[] labels, BoostingOptions options, IProgress<int>? treesDone = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        int n = labels.Length;
        if (n == 0 || rows.Length != n * features)
        {
            throw new ArgumentException("rows must hold features values per label and be non-empty", nameof(rows));
        }
        var binner = FeatureBinner.Fit(rows, features, options.Bins, 200_000, options.Seed);
        var bins = binner.BinColumns(rows, options.Threads);
        double positives = labels.Count(l => l);
        double prior = Math.Clamp(positives / n, 1e-6, 1 - 1e-6);
        double baseMargin = Math.Log(prior / (1 - prior));
        var score = new double[n];
        Array.Fill(score, baseMargin);
        var gradient = new float[n];
        var hessian = new float[n];
        var trees = new RegressionTree[options.Rounds];
        var grower = new TreeGrower(bins, binner, gradient, hessian, options);
        var rng = new SplitMix64(options.Seed);
        // Importance weight of a drawn negative row relative to a drawn positive one.
        double negativeWeight = options.PositiveRowFraction / options.NegativeRowFraction;
        for (int round = 0; round < options.Rounds; round++)
        {
            for (int i = 0; i < n; i++)
            {
                double p = 1 / (1 + Math.Exp(-score[i]));
                double w = labels[i] ? 1 : negativeWeight;
                gradient[i] = (float)(w * (p - (labels[i] ? 1 : 0)));
                hessian[i] = (float)(w * Math.Max(p * (1 - p), 1e-6));
            }
            var tree = grower.Grow(ref rng, labels);
            trees[round] = tree;
            UpdateScores(tree, bins, binner, score);
            treesDone?.Report(round + 1);
        }
        return new BoostedTrees(features, baseMargin, trees);
    }

    private static void UpdateScores(RegressionTree tree, byte[][] bins, FeatureBinner binner, double[] score)
    {
        // Each internal node's raw threshold corresponds to a bin boundary; compare bins for speed.
        var splitBin = new int[tree.Feature.Length];
        for (int node = 0; node < splitBin.Length; node++)
        {
            int f = tree.Feature[node];
            splitBin[node] = f < 0 ? -1 : BinOfThreshold(binner, f, tree.Threshold[node]);
        }
        for (int i = 0; i < score.Length; i++)
        {
            int node = 0;
            while (tree.Feature[node] >= 0)
            {
                node = bins[tree.Feature[node]][i] <= splitBin[node] ? tree.Left[node] : tree.Right[node];
            }
            score[i] += tree.Value[node];
        }
    }

    private static int BinOfThreshold(FeatureBinner binner, int feature, float threshold) =>
        float.IsNegativeInfinity(threshold) ? 0 : binner.Bin(feature, threshold);
}
