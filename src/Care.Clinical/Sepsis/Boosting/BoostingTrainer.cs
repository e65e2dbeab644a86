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
    /// <summary>
    /// Trains on row-major <paramref name="rows"/> (<paramref name="features"/> wide) and 0/1
    /// <paramref name="labels"/>, each row's loss scaled by <paramref name="weights"/> (all 1 when null).
    /// With <paramref name="validation"/> and <see cref="BoostingOptions.EarlyStoppingRounds"/> &gt; 0,
    /// training stops once the validation rows' weighted log-loss has not improved for that many
    /// rounds, and the ensemble is cut back to its best round.
    /// </summary>
    public static BoostedTrees Train(float[] rows, int features, bool[] labels, BoostingOptions options, IProgress<int>? treesDone = null,
        float[]? weights = null, (float[] Rows, bool[] Labels, float[]? Weights)? validation = null)
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
        var trees = new List<RegressionTree>(options.Rounds);
        var check = validation is { } v && options.EarlyStoppingRounds > 0 ? new Validation(v.Rows, v.Labels, v.Weights, binner, options.Threads, baseMargin) : null;
        int bestRound = 0;
        double bestLoss = check?.Loss() ?? 0;
        var grower = new TreeGrower(bins, binner, gradient, hessian, options);
        var rng = new SplitMix64(options.Seed);
        // Importance weight of a drawn negative row relative to a drawn positive one.
        double negativeWeight = options.PositiveRowFraction / options.NegativeRowFraction;
        for (int round = 0; round < options.Rounds; round++)
        {
            for (int i = 0; i < n; i++)
            {
                double p = 1 / (1 + Math.Exp(-score[i]));
                double w = (labels[i] ? 1 : negativeWeight) * (weights is null ? 1 : weights[i]);
                gradient[i] = (float)(w * (p - (labels[i] ? 1 : 0)));
                hessian[i] = (float)(w * Math.Max(p * (1 - p), 1e-6));
            }
            var tree = grower.Grow(ref rng, labels);
            trees.Add(tree);
            UpdateScores(tree, bins, binner, score);
            treesDone?.Report(round + 1);
            if (check is not null)
            {
                UpdateScores(tree, check.Bins, binner, check.Score);
                double loss = check.Loss();
                if (loss < bestLoss)
                {
                    bestLoss = loss;
                    bestRound = round + 1;
                }
                else if (round + 1 - bestRound >= options.EarlyStoppingRounds)
                {
                    break;
                }
            }
        }
        int keep = check is null ? trees.Count : Math.Max(1, bestRound);
        return new BoostedTrees(features, baseMargin, [.. trees.Take(keep)]);
    }

    /// <summary>Binned validation rows and their running margins, for early stopping.</summary>
    private sealed class Validation
    {
        private readonly bool[] _labels;
        private readonly float[]? _weights;

        public Validation(float[] rows, bool[] labels, float[]? weights, FeatureBinner binner, int threads, double baseMargin)
        {
            Bins = binner.BinColumns(rows, threads);
            _labels = labels;
            _weights = weights;
            Score = new double[labels.Length];
            Array.Fill(Score, baseMargin);
        }

        public byte[][] Bins { get; }

        public double[] Score { get; }

        /// <summary>Weighted mean log-loss of the current margins.</summary>
        public double Loss()
        {
            double sum = 0, total = 0;
            for (int i = 0; i < _labels.Length; i++)
            {
                double w = _weights is null ? 1 : _weights[i];
                double m = _labels[i] ? Score[i] : -Score[i];
                // log(1 + e^−m), stable for large |m|.
                sum += w * (m > 0 ? Math.Log(1 + Math.Exp(-m)) : -m + Math.Log(1 + Math.Exp(m)));
                total += w;
            }
            return total > 0 ? sum / total : 0;
        }
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
