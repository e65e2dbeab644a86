namespace Care.Epidemic.Surveillance;

/// <summary>
/// A quasi-Poisson GLM with log link fitted by iteratively reweighted least squares the way R's
/// <c>glm.fit</c> does it (start μ = y + 0.1, μ floored at machine epsilon, stop when the deviance changes
/// by less than 1e-8 relative, at most 25 iterations), so that dispersion, hat values, standard errors and
/// Wald t p-values follow <c>summary.glm</c>/<c>predict.glm</c>. The normal equations are solved by Cholesky
/// (p ≤ a dozen columns, well conditioned because the caller centres the time column). Not thread-safe:
/// one instance per thread; buffers are reused between fits.
/// </summary>
internal sealed class QuasiPoissonGlm
{
    private const int MaxIterations = 25;
    private const double Epsilon = 1e-8;
    private const double MachineEpsilon = 2.220446049250313e-16; // R: .Machine$double.eps, the floor of exp() in poisson()$linkinv

    private double[] _x = [];
    private double[] _y = [];
    private double[] _prior = [];
    private double[] _eta = [];
    private double[] _mu = [];
    private double[] _w = [];   // working weights of the last solve (R's fit$weights)
    private double[] _z = [];
    private double[] _xtwx = [];
    private double[] _xtwz = [];

    /// <summary>Rows.</summary>
    public int N { get; private set; }

    /// <summary>Columns.</summary>
    public int P { get; private set; }

    /// <summary>Coefficients.</summary>
    public double[] Beta { get; private set; } = [];

    /// <summary>(X'WX)⁻¹ of the last solve, row-major P×P (R's cov.unscaled).</summary>
    public double[] CovUnscaled { get; private set; } = [];

    /// <summary>True when the deviance criterion was met within 25 iterations.</summary>
    public bool Converged { get; private set; }

    /// <summary>Fitted means.</summary>
    public ReadOnlySpan<double> Mu => _mu.AsSpan(0, N);

    /// <summary>Pearson dispersion Σ w·r²/(n − p) as <c>summary.glm</c> (NaN when n ≤ p).</summary>
    public double Dispersion { get; private set; }

    /// <summary>Fits y ~ X (row-major n×p) with prior weights (null = 1).</summary>
    public void Fit(ReadOnlySpan<double> x, ReadOnlySpan<double> y, ReadOnlySpan<double> priorWeights, int n, int p)
    {
        N = n;
        P = p;
        Ensure(ref _x, n * p);
        Ensure(ref _y, n);
        Ensure(ref _prior, n);
        Ensure(ref _eta, n);
        Ensure(ref _mu, n);
        Ensure(ref _w, n);
        Ensure(ref _z, n);
        Ensure(ref _xtwx, p * p);
        Ensure(ref _xtwz, p);
        x[..(n * p)].CopyTo(_x);
        y[..n].CopyTo(_y);
        for (var i = 0; i < n; i++)
        {
            _prior[i] = priorWeights.IsEmpty ? 1.0 : priorWeights[i];
            _mu[i] = _y[i] + 0.1;
            _eta[i] = Math.Log(_mu[i]);
        }
        var beta = new double[p];
        var cov = new double[p * p];
        var devOld = Deviance();
        Converged = false;
        for (var iter = 0; iter < MaxIterations; iter++)
        {
            for (var i = 0; i < n; i++)
            {
                var mu = _mu[i];
                _z[i] = _eta[i] + ((_y[i] - mu) / mu);
                _w[i] = _prior[i] * mu; // w² of glm.fit: prior · (dμ/dη)² / V(μ) = prior · μ
            }
            Solve(beta, cov);
            for (var i = 0; i < n; i++)
            {
                var eta = 0.0;
                for (var j = 0; j < p; j++)
                {
                    eta += _x[(i * p) + j] * beta[j];
                }
                _eta[i] = eta;
                _mu[i] = Math.Max(Math.Exp(eta), MachineEpsilon);
            }
            var dev = Deviance();
            if (Math.Abs(dev - devOld) / (Math.Abs(dev) + 0.1) < Epsilon)
            {
                Converged = true;
                break;
            }
            devOld = dev;
        }
        Beta = beta;
        CovUnscaled = cov;
        var sum = 0.0;
        var used = 0;
        for (var i = 0; i < n; i++)
        {
            if (_w[i] > 0)
            {
                var r = (_y[i] - _mu[i]) / _mu[i];
                sum += _w[i] * r * r;
            }
            used += _prior[i] > 0 ? 1 : 0;
        }
        Dispersion = used > p ? sum / (used - p) : double.NaN;
    }

    /// <summary>
    /// Σ priorᵢ·rᵢ²/(n − p) with working residuals rᵢ = (yᵢ − μᵢ)/μᵢ: what <c>summary.glm</c> returns after
    /// <c>surveillance</c>'s fitGLM.flexible overwrites the model's working weights with its prior (Anscombe)
    /// weights — the dispersion the package then uses for the trend's p-value and the prediction's standard error.
    /// </summary>
    public double DispersionWithPriorWeights()
    {
        var sum = 0.0;
        var used = 0;
        for (var i = 0; i < N; i++)
        {
            if (_prior[i] > 0)
            {
                var r = (_y[i] - _mu[i]) / _mu[i];
                sum += _prior[i] * r * r;
                used++;
            }
        }
        return used > P ? sum / (used - P) : double.NaN;
    }

    /// <summary>Leverage of row i: wᵢ xᵢ'(X'WX)⁻¹xᵢ with the last solve's weights (R's hatvalues).</summary>
    public double Hat(int i) => _w[i] * Quadratic(_x.AsSpan(i * P, P));

    /// <summary>x'(X'WX)⁻¹x.</summary>
    public double Quadratic(ReadOnlySpan<double> x0)
    {
        var q = 0.0;
        for (var a = 0; a < P; a++)
        {
            for (var b = 0; b < P; b++)
            {
                q += x0[a] * CovUnscaled[(a * P) + b] * x0[b];
            }
        }
        return q;
    }

    private double Deviance()
    {
        var dev = 0.0;
        for (var i = 0; i < N; i++)
        {
            var y = _y[i];
            var mu = _mu[i];
            dev += 2 * _prior[i] * ((y > 0 ? y * Math.Log(y / mu) : 0) - (y - mu));
        }
        return dev;
    }

    private void Solve(double[] beta, double[] inverse)
    {
        int n = N, p = P;
        Array.Clear(_xtwx, 0, p * p);
        Array.Clear(_xtwz, 0, p);
        for (var i = 0; i < n; i++)
        {
            var w = _w[i];
            var row = _x.AsSpan(i * p, p);
            for (var a = 0; a < p; a++)
            {
                var wa = w * row[a];
                _xtwz[a] += wa * _z[i];
                for (var b = 0; b <= a; b++)
                {
                    _xtwx[(a * p) + b] += wa * row[b];
                }
            }
        }
        // Cholesky L·L' of the lower triangle, in place.
        var l = _xtwx;
        for (var j = 0; j < p; j++)
        {
            var d = l[(j * p) + j];
            for (var k = 0; k < j; k++)
            {
                d -= l[(j * p) + k] * l[(j * p) + k];
            }
            if (!(d > 0))
            {
                throw new InvalidOperationException("the Poisson GLM design is rank-deficient");
            }
            d = Math.Sqrt(d);
            l[(j * p) + j] = d;
            for (var i = j + 1; i < p; i++)
            {
                var s = l[(i * p) + j];
                for (var k = 0; k < j; k++)
                {
                    s -= l[(i * p) + k] * l[(j * p) + k];
                }
                l[(i * p) + j] = s / d;
            }
        }
        // Inverse = L'⁻¹ L⁻¹ column by column; beta = inverse · X'Wz.
        Span<double> e = stackalloc double[p];
        for (var c = 0; c < p; c++)
        {
            e.Clear();
            e[c] = 1;
            SolveInPlace(l, p, e);
            for (var r = 0; r < p; r++)
            {
                inverse[(r * p) + c] = e[r];
            }
        }
        for (var r = 0; r < p; r++)
        {
            var s = 0.0;
            for (var c = 0; c < p; c++)
            {
                s += inverse[(r * p) + c] * _xtwz[c];
            }
            beta[r] = s;
        }
    }

    private static void SolveInPlace(double[] l, int p, Span<double> v)
    {
        for (var i = 0; i < p; i++)
        {
            var s = v[i];
            for (var k = 0; k < i; k++)
            {
                s -= l[(i * p) + k] * v[k];
            }
            v[i] = s / l[(i * p) + i];
        }
        for (var i = p - 1; i >= 0; i--)
        {
            var s = v[i];
            for (var k = i + 1; k < p; k++)
            {
                s -= l[(k * p) + i] * v[k];
            }
            v[i] = s / l[(i * p) + i];
        }
    }

    private static void Ensure(ref double[] buffer, int length)
    {
        if (buffer.Length < length)
        {
            buffer = new double[length];
        }
    }
}
