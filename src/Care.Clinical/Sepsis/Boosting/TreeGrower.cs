namespace Care.Clinical.Sepsis.Boosting;

/// <summary>Grows one tree best-first from binned columns and the current gradients. Reused across rounds.</summary>
internal sealed class TreeGrower
{
    private readonly byte[][] _bins;
    private readonly FeatureBinner _binner;
    private readonly float[] _gradient;
    private readonly float[] _hessian;
    private readonly BoostingOptions _options;
    private readonly int _features;
    private readonly int _stride;
    private readonly int[] _rows;
    private readonly int[] _scratch;
    private readonly bool[] _allowed;
    private readonly double[][] _histograms;

    public TreeGrower(byte[][] bins, FeatureBinner binner, float[] gradient, float[] hessian, BoostingOptions options)
    {
        _bins = bins;
        _binner = binner;
        _gradient = gradient;
        _hessian = hessian;
        _options = options;
        _features = bins.Length;
        _stride = options.Bins + 2;
        _rows = new int[gradient.Length];
        _scratch = new int[gradient.Length];
        _allowed = new bool[_features];
        _histograms = new double[options.MaxLeaves * 2][];
    }

    private sealed class Node
    {
        public int Start;
        public int Count;
        public int Depth;
        public double G;
        public double H;
        public int Histogram;
        public int Feature = -1;
        public int Bin;
        public double Gain;
        public double LeftG;
        public double LeftH;
        public int LeftCount;
        public int Left = -1;
        public int Right = -1;
    }

    public RegressionTree Grow(ref SplitMix64 rng, bool[] labels)
    {
        int count = 0;
        for (int i = 0; i < _gradient.Length; i++)
        {
            double fraction = labels[i] ? _options.PositiveRowFraction : _options.NegativeRowFraction;
            if (fraction >= 1 || rng.NextDouble() < fraction)
            {
                _rows[count++] = i;
            }
        }
        for (int f = 0; f < _features; f++)
        {
            _allowed[f] = _options.FeatureFraction >= 1 || rng.NextDouble() < _options.FeatureFraction;
        }
        var nodes = new List<Node>();
        var root = new Node { Start = 0, Count = count, Histogram = 0 };
        Build(root);
        FindSplit(root);
        nodes.Add(root);
        int leaves = 1, nextHistogram = 1;
        var open = new List<int> { 0 };
        while (leaves < _options.MaxLeaves)
        {
            int best = -1;
            foreach (int id in open)
            {
                if (nodes[id].Feature >= 0 && (best < 0 || nodes[id].Gain > nodes[best].Gain))
                {
                    best = id;
                }
            }
            if (best < 0)
            {
                break;
            }
            open.Remove(best);
            var parent = nodes[best];
            int leftCount = Partition(parent);
            var left = new Node { Start = parent.Start, Count = leftCount, Depth = parent.Depth + 1, G = parent.LeftG, H = parent.LeftH };
            var right = new Node
            {
                Start = parent.Start + leftCount, Count = parent.Count - leftCount, Depth = parent.Depth + 1,
                G = parent.G - parent.LeftG, H = parent.H - parent.LeftH,
            };
            var (small, large) = left.Count <= right.Count ? (left, right) : (right, left);
            small.Histogram = nextHistogram++;
            Build(small);
            large.Histogram = parent.Histogram;
            Subtract(_histograms[large.Histogram], _histograms[small.Histogram]);
            parent.Left = nodes.Count;
            nodes.Add(left);
            parent.Right = nodes.Count;
            nodes.Add(right);
            FindSplit(left);
            FindSplit(right);
            open.Add(parent.Left);
            open.Add(parent.Right);
            leaves++;
        }
        return ToTree(nodes);
    }

    private RegressionTree ToTree(List<Node> nodes)
    {
        int m = nodes.Count;
        var feature = new int[m];
        var threshold = new float[m];
        var left = new int[m];
        var right = new int[m];
        var value = new double[m];
        for (int i = 0; i < m; i++)
        {
            var node = nodes[i];
            bool split = node.Left >= 0;
            feature[i] = split ? node.Feature : -1;
            threshold[i] = split ? _binner.Threshold(node.Feature, node.Bin) : 0f;
            left[i] = split ? node.Left : -1;
            right[i] = split ? node.Right : -1;
            value[i] = -node.G / (node.H + _options.L2) * _options.LearningRate;
        }
        return new RegressionTree(feature, threshold, left, right, value);
    }

    private void Build(Node node)
    {
        var hist = _histograms[node.Histogram] ??= new double[_features * _stride * 3];
        int start = node.Start, count = node.Count;
        var rows = _rows;
        // Small nodes are not worth waking a second thread for (and on a loaded machine the wake-up costs more).
        int chunks = (long)count * _features < 2_000_000 ? 1 : Math.Min(_options.Threads, _features);
        double g = 0, h = 0;
        if (node.Histogram == 0 && node.Depth == 0)
        {
            for (int i = start; i < start + count; i++)
            {
                g += _gradient[rows[i]];
                h += _hessian[rows[i]];
            }
            node.G = g;
            node.H = h;
        }
        void BuildChunk(int chunk)
        {
            int from = chunk * _features / chunks, to = (chunk + 1) * _features / chunks;
            for (int f = from; f < to; f++)
            {
                var span = hist.AsSpan(f * _stride * 3, _stride * 3);
                span.Clear();
                if (!_allowed[f])
                {
                    continue;
                }
                var col = _bins[f];
                for (int i = start; i < start + count; i++)
                {
                    int r = rows[i];
                    int b = col[r] * 3;
                    span[b] += _gradient[r];
                    span[b + 1] += _hessian[r];
                    span[b + 2] += 1;
                }
            }
        }
        if (chunks == 1)
        {
            BuildChunk(0);
        }
        else
        {
            Parallel.For(0, chunks, new ParallelOptions { MaxDegreeOfParallelism = chunks }, BuildChunk);
        }
    }

    private void Subtract(double[] large, double[] small)
    {
        for (int i = 0; i < large.Length; i++)
        {
            large[i] -= small[i];
        }
    }

    private void FindSplit(Node node)
    {
        node.Feature = -1;
        node.Gain = 0;
        if (node.Depth >= _options.MaxDepth || node.Count < 2 * _options.MinLeafRows)
        {
            return;
        }
        var hist = _histograms[node.Histogram];
        double lambda = _options.L2;
        double parentScore = node.G * node.G / (node.H + lambda);
        for (int f = 0; f < _features; f++)
        {
            if (!_allowed[f])
            {
                continue;
            }
            int binCount = _binner.BinCount(f);
            double gl = 0, hl = 0;
            int cl = 0;
            int offset = f * _stride * 3;
            for (int b = 0; b < binCount - 1; b++)
            {
                gl += hist[offset + b * 3];
                hl += hist[offset + b * 3 + 1];
                cl += (int)hist[offset + b * 3 + 2];
                int cr = node.Count - cl;
                if (cl < _options.MinLeafRows)
                {
                    continue;
                }
                if (cr < _options.MinLeafRows)
                {
                    break;
                }
                double gr = node.G - gl, hr = node.H - hl;
                double gain = gl * gl / (hl + lambda) + gr * gr / (hr + lambda) - parentScore;
                if (gain > node.Gain + 1e-12)
                {
                    node.Gain = gain;
                    node.Feature = f;
                    node.Bin = b;
                    node.LeftG = gl;
                    node.LeftH = hl;
                    node.LeftCount = cl;
                }
            }
        }
    }

    private int Partition(Node node)
    {
        var col = _bins[node.Feature];
        int bin = node.Bin;
        int l = 0, r = 0;
        int end = node.Start + node.Count;
        for (int i = node.Start; i < end; i++)
        {
            int row = _rows[i];
            if (col[row] <= bin)
            {
                _rows[node.Start + l++] = row;
            }
            else
            {
                _scratch[r++] = row;
            }
        }
        Array.Copy(_scratch, 0, _rows, node.Start + l, r);
        return l;
    }
}
