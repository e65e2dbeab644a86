namespace Care.Clinical.Sepsis.Boosting;

/// <summary>
/// One binary regression tree in flat arrays. Node 0 is the root; a leaf has feature −1.
/// An internal node sends x left when x is NaN or x ≤ threshold. Every node carries the
/// (shrunken) value of its training rows, so that path differences give per-feature contributions
/// (Saabas tree-path attribution). Immutable.
/// </summary>
internal sealed class RegressionTree
{
    public RegressionTree(int[] feature, float[] threshold, int[] left, int[] right, double[] value)
    {
        Feature = feature;
        Threshold = threshold;
        Left = left;
        Right = right;
        Value = value;
    }

    public int[] Feature { get; }
    public float[] Threshold { get; }
    public int[] Left { get; }
    public int[] Right { get; }
    public double[] Value { get; }

    /// <summary>Adds the path contributions to <paramref name="contributions"/>; returns the leaf value.</summary>
    public double Contribute(ReadOnlySpan<float> x, Span<double> contributions)
    {
        int node = 0;
        while (Feature[node] >= 0)
        {
            int f = Feature[node];
            float v = x[f];
            int next = float.IsNaN(v) || v <= Threshold[node] ? Left[node] : Right[node];
            contributions[f] += Value[next] - Value[node];
            node = next;
        }
        return Value[node];
    }
}
