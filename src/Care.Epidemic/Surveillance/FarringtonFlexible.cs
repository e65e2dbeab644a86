using MathNet.Numerics.Distributions;

namespace Care.Epidemic.Surveillance;

/// <summary>
/// The flexible Farrington detector of R <c>surveillance::farringtonFlexible</c> (Farrington et al. 1996;
/// Noufaily et al. 2013): for each week k, a quasi-Poisson log-linear model with a linear time trend and,
/// when <see cref="FarringtonSettings.NoPeriods"/> &gt; 1, a seasonal factor is fitted to the weeks around
/// the same week in the past b years (and the periods between them), leaving out the most recent weeks;
/// past outbreaks are down-weighted by Anscombe residuals; the trend is dropped unless significant, backed
/// by ≥ 3 years and not extrapolating beyond the data; the bound is the Delta (2/3-power) or the negative
/// binomial plug-in quantile. Week indices are integers (series without dates), as the package's
/// non-date <c>sts</c> objects. Reproduces the package's quirks, including the score computed on the link
/// scale for the plug-in. Not thread-safe per instance of its buffers; <see cref="Run"/> is static and creates its own.
/// </summary>
public static class FarringtonFlexible
{
    /// <summary>
    /// Runs weeks <paramref name="firstWeek"/>..<paramref name="lastWeek"/> (1-based, inclusive). Throws
    /// <see cref="ArgumentOutOfRangeException"/> when the range lacks the history the settings need.
    /// </summary>
    public static IReadOnlyList<FarringtonWeek> Run(ReadOnlySpan<int> observed, FarringtonSettings settings, int firstWeek, int lastWeek)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentOutOfRangeException.ThrowIfLessThan(settings.YearsBack, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(settings.NoPeriods, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(settings.HalfWindow);
        ArgumentOutOfRangeException.ThrowIfLessThan(firstWeek, settings.FirstWeekWithHistory, nameof(firstWeek));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(lastWeek, observed.Length, nameof(lastWeek));
        var fitter = new Fitter(observed.Length, settings);
        var result = new List<FarringtonWeek>(Math.Max(0, lastWeek - firstWeek + 1));
        for (var k = firstWeek; k <= lastWeek; k++)
        {
            result.Add(fitter.Week(observed, k));
        }
        return result;
    }

    private sealed class Fitter(int length, FarringtonSettings s)
    {
        private readonly int[] _factor = new int[length + 1]; // 1-based; 0 = not in the model
        private readonly List<int> _rows = new(length);
        private readonly int[] _levelColumn = new int[s.NoPeriods + 1];
        private readonly QuasiPoissonGlm _glm = new();
        private double[] _x = [];
        private double[] _y = [];
        private double[] _omega = [];
        private double[] _x0 = [];
        private int _p;
        private bool _hasTrend;
        private double _phi;
        private double _summaryDispersion;

        public FarringtonWeek Week(ReadOnlySpan<int> observed, int k)
        {
            BuildRows(k);
            var n = _rows.Count;
            if (_y.Length < n)
            {
                _y = new double[n];
                _omega = new double[n];
            }
            var maxY = 0.0;
            for (var i = 0; i < n; i++)
            {
                _y[i] = observed[_rows[i] - 1];
                maxY = Math.Max(maxY, _y[i]);
            }
            var y = observed[k - 1];
            var recent = 0;
            for (var i = Math.Max(1, k - s.Limit54Weeks + 1); i <= k; i++)
            {
                recent += observed[i - 1];
            }
            var enough = recent >= s.Limit54Cases;
            if (!FitModel(k, s.Trend))
            {
                return new FarringtonWeek(new DetectionWeek(k, y, double.NaN, null), double.NaN, double.NaN, double.NaN, false, double.NaN, double.NaN);
            }
            var doTrend = false;
            if (_hasTrend)
            {
                var tStat = _glm.Beta[1] / Math.Sqrt(_summaryDispersion * _glm.CovUnscaled[_p + 1]);
                var pValue = 2 * StudentT.CDF(0, 1, _glm.N - _p, -Math.Abs(tStat));
                var fit = Math.Max(Math.Exp(Dot(_glm.Beta)), 2.220446049250313e-16);
                doTrend = s.YearsBack >= 3 && pValue < s.PThresholdTrend && fit <= maxY;
                if (!doTrend && !FitModel(k, trend: false))
                {
                    return new FarringtonWeek(new DetectionWeek(k, y, double.NaN, null), double.NaN, double.NaN, double.NaN, false, double.NaN, double.NaN);
                }
            }
            var eta0 = Dot(_glm.Beta);
            var seEta = Math.Sqrt(_summaryDispersion * _glm.Quadratic(_x0.AsSpan(0, _p)));
            double upper, score, expected, mu0;
            if (s.Threshold == FarringtonThreshold.Delta)
            {
                var z = Normal.InvCDF(0, 1, 1 - s.Alpha);
                var mu = Math.Max(Math.Exp(eta0), 2.220446049250313e-16);
                var seMu = seEta * mu;
                var tau = _phi + (seMu * seMu / mu);
                var se = Math.Sqrt(4.0 / 9.0 * Math.Pow(mu, 1.0 / 3.0) * tau);
                upper = Math.Pow(Math.Pow(mu, 2.0 / 3.0) + (z * se), 1.5);
                score = (y - mu) / (upper - mu);
                expected = mu;
                mu0 = Math.Exp(mu + (z * seMu)); // the package's mu0Vector: qnorm on the response-scale fit and se, then exp
            }
            else
            {
                var mu = Math.Exp(eta0);
                upper = double.IsPositiveInfinity(mu) ? double.NaN
                    : _phi > 1 ? CountQuantiles.NegativeBinomial(1 - s.Alpha, mu / (_phi - 1), 1 / _phi)
                    : CountQuantiles.Poisson(1 - s.Alpha, mu);
                score = (y - eta0) / (upper - eta0); // as the package: the fit on the link scale
                expected = mu;
                mu0 = mu;
            }
            var alarm = enough && score > 1 && y != 0;
            return new FarringtonWeek(
                new DetectionWeek(k, y, enough ? upper : double.NaN, alarm),
                enough && !double.IsNaN(upper) ? expected : double.NaN,
                mu0,
                _phi,
                doTrend,
                doTrend ? _glm.Beta[1] : double.NaN,
                score);
        }

        // The weeks in the model and their seasonal level (the package's blocks()), minus the recent weeks.
        private void BuildRows(int k)
        {
            int w = s.HalfWindow, p = s.NoPeriods, f = s.WeeksPerYear;
            Array.Clear(_factor);
            for (var t = k - w; t <= k; t++)
            {
                _factor[t] = p;
            }
            for (var i = 1; i <= s.YearsBack; i++)
            {
                var reference = k - (f * i);
                var later = k - (f * (i - 1));
                for (var t = reference - w; t <= reference + w; t++)
                {
                    _factor[t] = p;
                }
                if (p == 1)
                {
                    continue;
                }
                var period = later - (2 * w) - 1 - reference;
                if (period < p - ((2 * w) + 1))
                {
                    throw new ArgumentOutOfRangeException(nameof(s), $"{p} seasonal periods do not fit between windows of {(2 * w) + 1} weeks");
                }
                int blockLength = period / (p - 1), rest = period % (p - 1);
                var start = reference + w + 1;
                for (var j = 1; j <= p - 1; j++)
                {
                    var len = blockLength + (j <= rest ? 1 : 0);
                    for (var t = start; t < start + len; t++)
                    {
                        _factor[t] = j;
                    }
                    start += len;
                }
            }
            for (var t = Math.Max(1, k - s.PastWeeksNotIncluded); t <= k; t++)
            {
                _factor[t] = 0;
            }
            _rows.Clear();
            for (var t = 1; t < _factor.Length; t++)
            {
                if (_factor[t] != 0)
                {
                    _rows.Add(t);
                }
            }
        }

        // The package's fitGLM.flexible: fit (falling back to no trend), then refit with Anscombe weights.
        private bool FitModel(int k, bool trend)
        {
            Design(k, trend);
            var n = _rows.Count;
            _glm.Fit(_x, _y, [], n, _p);
            if (!_glm.Converged && trend)
            {
                Design(k, trend: false);
                _glm.Fit(_x, _y, [], n, _p);
            }
            if (!_glm.Converged)
            {
                return false;
            }
            _phi = Math.Max(_glm.Dispersion, 1);
            if (s.Reweight)
            {
                var mu = _glm.Mu;
                var inverseSquares = 0.0;
                for (var i = 0; i < n; i++)
                {
                    var a = 1.5 * ((Math.Pow(_y[i], 2.0 / 3.0) * Math.Pow(mu[i], -1.0 / 6.0)) - Math.Sqrt(mu[i]));
                    a /= Math.Sqrt(_phi * (1 - _glm.Hat(i)));
                    _omega[i] = a;
                    inverseSquares += a > s.WeightsThreshold ? 1 / (a * a) : 1;
                }
                var gamma = n / inverseSquares;
                for (var i = 0; i < n; i++)
                {
                    var a = _omega[i];
                    _omega[i] = a > s.WeightsThreshold ? gamma / (a * a) : gamma;
                }
                _glm.Fit(_x, _y, _omega, n, _p);
                _phi = Math.Max(_glm.Dispersion, 1);
                _summaryDispersion = _glm.DispersionWithPriorWeights();
            }
            else
            {
                _summaryDispersion = _glm.Dispersion;
            }
            return true;
        }

        // Columns: intercept, time (weeks − k, so the prediction row has 0), one dummy per seasonal level
        // present except the lowest (R's treatment contrasts; any full-rank coding gives the same fit).
        private void Design(int k, bool trend)
        {
            _hasTrend = trend;
            Array.Clear(_levelColumn);
            var columns = trend ? 2 : 1;
            if (s.NoPeriods > 1)
            {
                var present = new bool[s.NoPeriods + 1];
                foreach (var t in _rows)
                {
                    present[_factor[t]] = true;
                }
                var first = true;
                for (var level = 1; level <= s.NoPeriods; level++)
                {
                    if (present[level])
                    {
                        _levelColumn[level] = first ? 0 : columns++;
                        first = false;
                    }
                }
            }
            _p = columns;
            var n = _rows.Count;
            if (_x.Length < n * _p)
            {
                _x = new double[n * _p];
            }
            Array.Clear(_x, 0, n * _p);
            for (var i = 0; i < n; i++)
            {
                var t = _rows[i];
                _x[i * _p] = 1;
                if (trend)
                {
                    _x[(i * _p) + 1] = t - k;
                }
                var c = _levelColumn[_factor[t]];
                if (c > 0)
                {
                    _x[(i * _p) + c] = 1;
                }
            }
            if (_x0.Length < _p)
            {
                _x0 = new double[_p];
            }
            Array.Clear(_x0);
            _x0[0] = 1;
            if (_levelColumn[s.NoPeriods] > 0)
            {
                _x0[_levelColumn[s.NoPeriods]] = 1;
            }
        }

        private double Dot(double[] beta)
        {
            var eta = 0.0;
            for (var j = 0; j < _p; j++)
            {
                eta += _x0[j] * beta[j];
            }
            return eta;
        }
    }
}
