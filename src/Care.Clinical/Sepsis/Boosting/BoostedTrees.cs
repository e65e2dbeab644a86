using System.Globalization;
using Care.Core.Errors;

namespace Care.Clinical.Sepsis.Boosting;

/// <summary>
/// A trained gradient-boosted tree ensemble for binary outcomes: margin (log-odds) = base +
/// Σ tree leaf values. Scores raw feature vectors (NaN = missing) and attributes the margin to
/// features along the decision paths. Immutable and thread-safe.
/// </summary>
public sealed class BoostedTrees
{
    private const string Magic = "care-gbdt 1";
    private readonly RegressionTree[] _trees;

    // Scoring layout: the internal nodes of all trees in one array of 16-byte structs, a child
    // index ≥ 0 is another internal node and ~i (< 0) is leaf value i; _roots[k] is encoded alike.
    private readonly FlatNode[] _nodes;
    private readonly double[] _leafValues;
    private readonly int[] _roots;

    internal BoostedTrees(int features, double baseMargin, RegressionTree[] trees)
    {
        Features = features;
        BaseMargin = baseMargin;
        _trees = trees;
        (_nodes, _leafValues, _roots) = Flatten(trees);
    }

    /// <summary>
    /// The ensemble whose margin is the mean of <paramref name="members"/>' margins: all their trees,
    /// every node value divided by the member count, and the mean base margin.
    /// </summary>
    internal static BoostedTrees Average(IReadOnlyList<BoostedTrees> members)
    {
        double k = members.Count;
        var trees = members.SelectMany(m => m._trees).Select(t => new RegressionTree(t.Feature, t.Threshold, t.Left, t.Right, [.. t.Value.Select(v => v / k)])).ToArray();
        return new BoostedTrees(members[0].Features, members.Average(m => m.BaseMargin), trees);
    }

    /// <summary>Length of the feature vectors this model scores.</summary>
    public int Features { get; }

    /// <summary>Log-odds before any tree (the training prevalence).</summary>
    public double BaseMargin { get; }

    /// <summary>Number of trees.</summary>
    public int TreeCount => _trees.Length;

    /// <summary>Indexes (ascending, distinct) of the features that some tree splits on.</summary>
    public IReadOnlyList<int> SplitFeatures() =>
        [.. _trees.SelectMany(t => t.Feature).Where(f => f >= 0).Distinct().Order()];

    /// <summary>Log-odds of the positive class for <paramref name="x"/>.</summary>
    /// <exception cref="ArgumentException"><paramref name="x"/> has the wrong length.</exception>
    public double Margin(ReadOnlySpan<float> x)
    {
        CheckLength(x);
        double m = BaseMargin;
        var nodes = _nodes;
        foreach (int root in _roots)
        {
            int n = root;
            while (n >= 0)
            {
                ref readonly var node = ref nodes[n];
                // NaN fails the comparison and goes left, as in training.
                n = x[node.Feature] > node.Threshold ? node.Right : node.Left;
            }
            m += _leafValues[~n];
        }
        return m;
    }

    private static (FlatNode[] Nodes, double[] Leaves, int[] Roots) Flatten(RegressionTree[] trees)
    {
        var nodes = new List<FlatNode>();
        var leaves = new List<double>();
        var roots = new int[trees.Length];
        for (int k = 0; k < trees.Length; k++)
        {
            var t = trees[k];
            var code = new int[t.Feature.Length];
            for (int i = 0; i < code.Length; i++)
            {
                if (t.Feature[i] < 0)
                {
                    code[i] = ~leaves.Count;
                    leaves.Add(t.Value[i]);
                }
                else
                {
                    code[i] = nodes.Count;
                    nodes.Add(default);
                }
            }
            for (int i = 0; i < code.Length; i++)
            {
                if (t.Feature[i] >= 0)
                {
                    nodes[code[i]] = new FlatNode(t.Feature[i], t.Threshold[i], code[t.Left[i]], code[t.Right[i]]);
                }
            }
            roots[k] = code[0];
        }
        return ([.. nodes], [.. leaves], roots);
    }

    private readonly record struct FlatNode(int Feature, float Threshold, int Left, int Right);

    /// <summary>
    /// Writes each feature's contribution to the margin into <paramref name="contributions"/>
    /// (length <see cref="Features"/>) and returns the bias (base plus the trees' root values);
    /// bias + Σ contributions = <see cref="Margin"/>.
    /// </summary>
    public double Contributions(ReadOnlySpan<float> x, Span<double> contributions)
    {
        CheckLength(x);
        if (contributions.Length != Features)
        {
            throw new ArgumentException($"expected {Features} contributions", nameof(contributions));
        }
        contributions.Clear();
        double bias = BaseMargin;
        foreach (var tree in _trees)
        {
            bias += tree.Value[0];
            tree.Contribute(x, contributions);
        }
        return bias;
    }

    /// <summary>Writes the model as text (round-trip exact).</summary>
    public void Write(TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        var c = CultureInfo.InvariantCulture;
        writer.Write($"{Magic}\nfeatures {Features}\nbase {BaseMargin.ToString("R", c)}\ntrees {_trees.Length}\n");
        foreach (var t in _trees)
        {
            writer.Write($"tree {t.Feature.Length}\n");
            for (int i = 0; i < t.Feature.Length; i++)
            {
                writer.Write(string.Create(c, $"{t.Feature[i]} {t.Threshold[i]:R} {t.Left[i]} {t.Right[i]} {t.Value[i]:R}\n"));
            }
        }
    }

    /// <summary>Reads a model written by <see cref="Write"/>.</summary>
    /// <exception cref="InvalidInputException">The text is not such a model; the message names the line.</exception>
    public static BoostedTrees Read(TextReader reader, string source)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var lines = new LineReader(reader, source);
        lines.Expect(Magic);
        int features = lines.Int("features");
        double baseMargin = lines.Double("base");
        int count = lines.Int("trees");
        var trees = new RegressionTree[count];
        for (int k = 0; k < count; k++)
        {
            int nodes = lines.Int("tree");
            var feature = new int[nodes];
            var threshold = new float[nodes];
            var left = new int[nodes];
            var right = new int[nodes];
            var value = new double[nodes];
            for (int i = 0; i < nodes; i++)
            {
                var parts = lines.Fields(5);
                feature[i] = lines.ParseInt(parts[0]);
                threshold[i] = (float)lines.ParseDouble(parts[1]);
                left[i] = lines.ParseInt(parts[2]);
                right[i] = lines.ParseInt(parts[3]);
                value[i] = lines.ParseDouble(parts[4]);
                bool leaf = feature[i] < 0;
                if (feature[i] >= features || (!leaf && (left[i] <= i || right[i] <= i || left[i] >= nodes || right[i] >= nodes)))
                {
                    lines.Fail("node refers outside its tree or to an unknown feature");
                }
            }
            trees[k] = new RegressionTree(feature, threshold, left, right, value);
        }
        return new BoostedTrees(features, baseMargin, trees);
    }

    private void CheckLength(ReadOnlySpan<float> x)
    {
        if (x.Length != Features)
        {
            throw new ArgumentException($"expected {Features} features, got {x.Length}", nameof(x));
        }
    }
}
