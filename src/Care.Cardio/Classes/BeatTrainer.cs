namespace Care.Cardio.Classes;

/// <summary>
/// Trains a <see cref="BeatModel"/> from labelled feature vectors: class-weighted cross-entropy,
/// Adam, fixed seed (deterministic on one thread), then INT8 calibration on the training inputs.
/// </summary>
public static class BeatTrainer
{
    /// <summary>
    /// Trains on <paramref name="features"/> (one row of <see cref="BeatFeatures.Count"/> per beat) and
    /// <paramref name="labels"/>. Each class weighs (N / (classes × its count))^<paramref name="classWeightPower"/>
    /// in the loss: 1 balances the classes fully, 0 not at all, 0.5 half-way (on a log scale).
    /// </summary>
    public static BeatModel Train(IReadOnlyList<float[]> features, IReadOnlyList<AamiClass> labels, int seed, string provenance, int hidden = 32, int epochs = 40, double classWeightPower = 1)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(classWeightPower);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(classWeightPower, 1);
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentOutOfRangeException.ThrowIfZero(features.Count);
        var n = features.Count;
        var d = BeatFeatures.Count;
        const int classes = AamiClasses.Count;
        var mean = new float[d];
        var std = new float[d];
        for (var k = 0; k < d; k++)
        {
            double s = 0, s2 = 0;
            foreach (var f in features)
            {
                s += f[k];
                s2 += (double)f[k] * f[k];
            }
            mean[k] = (float)(s / n);
            std[k] = (float)Math.Max(1e-3, Math.Sqrt(Math.Max(0, s2 / n - (s / n) * (s / n))));
        }
        // Class weights: a power of the inverse frequency (power 1: each class weighs as much as N).
        var counts = new int[classes];
        foreach (var l in labels)
        {
            counts[(int)l]++;
        }
        var weight = new float[classes];
        for (var c = 0; c < classes; c++)
        {
            weight[c] = counts[c] == 0 ? 0 : (float)Math.Pow(n / (double)(classes * counts[c]), classWeightPower);
        }
        var random = new Random(seed);
        var w1 = Init(hidden * d, d, random);
        var b1 = new float[hidden];
        var w2 = Init(classes * hidden, hidden, random);
        var b2 = new float[classes];
        var model = new BeatModel { Inputs = d, Hidden = hidden, InputMean = mean, InputStd = std, W1 = w1, B1 = b1, W2 = w2, B2 = b2 };
        var adam = new Adam(w1.Length + b1.Length + w2.Length + b2.Length);
        var order = Enumerable.Range(0, n).ToArray();
        var z = new float[d];
        var h = new float[hidden];
        var p = new float[classes];
        var grad = new float[adam.Size];
        const int batch = 64;
        for (var epoch = 0; epoch < epochs; epoch++)
        {
            random.Shuffle(order);
            for (var start = 0; start < n; start += batch)
            {
                Array.Clear(grad);
                var end = Math.Min(n, start + batch);
                for (var bi = start; bi < end; bi++)
                {
                    var x = features[order[bi]];
                    var y = (int)labels[order[bi]];
                    for (var k = 0; k < d; k++)
                    {
                        z[k] = model.Standardise(x, k);
                    }
                    for (var j = 0; j < hidden; j++)
                    {
                        var acc = b1[j];
                        for (var k = 0; k < d; k++)
                        {
                            acc += w1[j * d + k] * z[k];
                        }
                        h[j] = Math.Max(0, acc);
                    }
                    var max = float.NegativeInfinity;
                    for (var c = 0; c < classes; c++)
                    {
                        var acc = b2[c];
                        for (var j = 0; j < hidden; j++)
                        {
                            acc += w2[c * hidden + j] * h[j];
                        }
                        p[c] = acc;
                        max = Math.Max(max, acc);
                    }
                    float sum = 0;
                    for (var c = 0; c < classes; c++)
                    {
                        p[c] = MathF.Exp(p[c] - max);
                        sum += p[c];
                    }
                    var wy = weight[y];
                    var o1 = w1.Length + b1.Length;
                    var o2 = o1 + w2.Length;
                    for (var c = 0; c < classes; c++)
                    {
                        var g = wy * (p[c] / sum - (c == y ? 1 : 0));
                        grad[o2 + c] += g;
                        for (var j = 0; j < hidden; j++)
                        {
                            grad[o1 + c * hidden + j] += g * h[j];
                        }
                    }
                    for (var j = 0; j < hidden; j++)
                    {
                        if (h[j] <= 0)
                        {
                            continue;
                        }
                        float g = 0;
                        for (var c = 0; c < classes; c++)
                        {
                            g += wy * (p[c] / sum - (c == y ? 1 : 0)) * w2[c * hidden + j];
                        }
                        grad[w1.Length + j] += g;
                        for (var k = 0; k < d; k++)
                        {
                            grad[j * d + k] += g * z[k];
                        }
                    }
                }
                adam.Step(grad, 1f / (end - start), w1, b1, w2, b2);
            }
        }
        return Quantised(model, features, provenance);
    }

    private static BeatModel Quantised(BeatModel model, IReadOnlyList<float[]> features, string provenance)
    {
        var d = model.Inputs;
        var hidden = model.Hidden;
        var q1 = new sbyte[model.W1.Length];
        var s1 = new float[hidden];
        for (var j = 0; j < hidden; j++)
        {
            s1[j] = RowScale(model.W1.AsSpan(j * d, d));
            for (var k = 0; k < d; k++)
            {
                q1[j * d + k] = BeatModel.Quantise(model.W1[j * d + k] / s1[j]);
            }
        }
        var q2 = new sbyte[model.W2.Length];
        var s2 = new float[AamiClasses.Count];
        for (var c = 0; c < AamiClasses.Count; c++)
        {
            s2[c] = RowScale(model.W2.AsSpan(c * hidden, hidden));
            for (var j = 0; j < hidden; j++)
            {
                q2[c * hidden + j] = BeatModel.Quantise(model.W2[c * hidden + j] / s2[c]);
            }
        }
        // Calibrate activation scales on the training inputs: the 99.9th percentile of |input| and of the hidden activation.
        var inputs = new List<float>();
        var hiddens = new List<float>();
        var h = new float[hidden];
        for (var i = 0; i < features.Count; i += Math.Max(1, features.Count / 5000))
        {
            for (var k = 0; k < d; k++)
            {
                inputs.Add(Math.Abs(model.Standardise(features[i], k)));
            }
            model.ClassifyFloat(features[i], h);
            hiddens.AddRange(h);
        }
        inputs.Sort();
        hiddens.Sort();
        var inputScale = Math.Max(1e-6f, inputs[(int)(0.999 * (inputs.Count - 1))] / 127);
        var hiddenScale = Math.Max(1e-6f, hiddens[(int)(0.999 * (hiddens.Count - 1))] / 127);
        return new BeatModel
        {
            Provenance = provenance,
            Inputs = d,
            Hidden = hidden,
            InputMean = model.InputMean,
            InputStd = model.InputStd,
            W1 = model.W1,
            B1 = model.B1,
            W2 = model.W2,
            B2 = model.B2,
            Q1 = q1,
            Q2 = q2,
            Q1Scale = s1,
            Q2Scale = s2,
            InputScale = inputScale,
            HiddenScale = hiddenScale,
        };
    }

    private static float RowScale(ReadOnlySpan<float> row)
    {
        float max = 0;
        foreach (var v in row)
        {
            max = Math.Max(max, Math.Abs(v));
        }
        return max > 0 ? max / 127 : 1;
    }

    private static float[] Init(int size, int fanIn, Random random)
    {
        var w = new float[size];
        var scale = Math.Sqrt(2.0 / fanIn);
        for (var i = 0; i < size; i++)
        {
            w[i] = (float)(scale * (random.NextDouble() * 2 - 1) * Math.Sqrt(3));
        }
        return w;
    }

    private sealed class Adam(int size)
    {
        private const float Rate = 0.003f;
        private const float Beta1 = 0.9f;
        private const float Beta2 = 0.999f;
        private readonly float[] _m = new float[size];
        private readonly float[] _v = new float[size];
        private int _t;

        public int Size => _m.Length;

        public void Step(float[] grad, float factor, float[] w1, float[] b1, float[] w2, float[] b2)
        {
            _t++;
            var c1 = 1 - MathF.Pow(Beta1, _t);
            var c2 = 1 - MathF.Pow(Beta2, _t);
            var i = 0;
            foreach (var p in new[] { w1, b1, w2, b2 })
            {
                for (var k = 0; k < p.Length; k++, i++)
                {
                    var g = grad[i] * factor;
                    _m[i] = Beta1 * _m[i] + (1 - Beta1) * g;
                    _v[i] = Beta2 * _v[i] + (1 - Beta2) * g * g;
                    p[k] -= Rate * (_m[i] / c1) / (MathF.Sqrt(_v[i] / c2) + 1e-8f);
                }
            }
        }
    }
}
