namespace Care.Metabolic.Sensing;

/// <summary>
/// Weights of a cubic interpolating spline with not-a-knot end conditions on equally spaced knots:
/// the value at each requested abscissa is a fixed linear combination of the knot values, so the
/// weights are computed once and interpolation is a small matrix-vector product.
/// </summary>
internal static class NotAKnotSpline
{
    /// <summary>Weights [target, knot] for knots at 0, h, .., (n-1)h and the given target abscissae.</summary>
    public static double[,] Weights(int knotCount, double spacing, IReadOnlyList<double> targets)
    {
        var n = knotCount;
        var weights = new double[targets.Count, n];
        var y = new double[n];
        for (var j = 0; j < n; j++)
        {
            Array.Clear(y);
            y[j] = 1.0;
            var m = SecondDerivatives(y, spacing);
            for (var t = 0; t < targets.Count; t++)
            {
                weights[t, j] = Evaluate(y, m, spacing, targets[t]);
            }
        }
        return weights;
    }

    private static double[] SecondDerivatives(double[] y, double h)
    {
        var n = y.Length;
        var a = new double[n, n];
        var rhs = new double[n];
        // Not-a-knot: the third derivative is continuous at the second and the second-to-last knot.
        a[0, 0] = 1; a[0, 1] = -2; a[0, 2] = 1;
        a[n - 1, n - 3] = 1; a[n - 1, n - 2] = -2; a[n - 1, n - 1] = 1;
        for (var i = 1; i < n - 1; i++)
        {
            a[i, i - 1] = h;
            a[i, i] = 4 * h;
            a[i, i + 1] = h;
            rhs[i] = 6.0 / h * (y[i + 1] - 2 * y[i] + y[i - 1]);
        }
        return Solve(a, rhs);
    }

    private static double Evaluate(double[] y, double[] m, double h, double x)
    {
        var i = Math.Clamp((int)Math.Floor(x / h), 0, y.Length - 2);
        var left = i * h;
        var right = left + h;
        return m[i] * Math.Pow(right - x, 3) / (6 * h) + m[i + 1] * Math.Pow(x - left, 3) / (6 * h)
            + (y[i] / h - m[i] * h / 6) * (right - x) + (y[i + 1] / h - m[i + 1] * h / 6) * (x - left);
    }

    private static double[] Solve(double[,] a, double[] b)
    {
        var n = b.Length;
        for (var col = 0; col < n; col++)
        {
            var pivot = col;
            for (var r = col + 1; r < n; r++)
            {
                if (Math.Abs(a[r, col]) > Math.Abs(a[pivot, col]))
                {
                    pivot = r;
                }
            }
            if (pivot != col)
            {
                for (var c = 0; c < n; c++)
                {
                    (a[col, c], a[pivot, c]) = (a[pivot, c], a[col, c]);
                }
                (b[col], b[pivot]) = (b[pivot], b[col]);
            }
            for (var r = col + 1; r < n; r++)
            {
                var f = a[r, col] / a[col, col];
                for (var c = col; c < n; c++)
                {
                    a[r, c] -= f * a[col, c];
                }
                b[r] -= f * b[col];
            }
        }
        var x = new double[n];
        for (var r = n - 1; r >= 0; r--)
        {
            var s = b[r];
            for (var c = r + 1; c < n; c++)
            {
                s -= a[r, c] * x[c];
            }
            x[r] = s / a[r, r];
        }
        return x;
    }
}
