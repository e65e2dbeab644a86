using MathNet.Numerics;

namespace Care.Epidemic.Surveillance;

/// <summary>
/// Hermes's own outbreak detector: a count-regression expectation with a short-window cumulative test.
/// For step t a quasi-Poisson log-linear model (intercept, a linear trend kept only when its Wald |z| &gt; 1.96,
/// and Fourier terms of the cycle) is fitted to up to <see cref="HermesDetectorSettings.HistoryPeriods"/> cycles
/// of history ending <see cref="HermesDetectorSettings.GapSteps"/> steps before t, with past outbreaks
/// down-weighted by Anscombe residuals as Noufaily et al. (2013). Under that model the sum of the last L counts
/// is negative binomial with mean Σμ and variance φ·Σμ (same φ, so the sum stays in the family); the score is
/// −log10 of the smallest mid-p upper-tail probability over L = 1..<see cref="HermesDetectorSettings.MaxWindow"/>.
/// A current count of 0 scores 0 (never an alarm). The alarm threshold is chosen by the caller (calibrated to a
/// false-positive rate in <c>care eval outbreaks</c>). Not thread-safe: one instance per thread.
/// </summary>
public sealed class HermesDetector
{
    private const double TrendZ = 1.96;
    private readonly HermesDetectorSettings _s;
    private readonly QuasiPoissonGlm _glm = new();
    private readonly int _columnsWithTrend;
    private double[] _x = [];
    private double[] _y = [];
    private double[] _w = [];
    private readonly double[] _row;

    /// <summary>Creates a detector; throws <see cref="ArgumentOutOfRangeException"/> naming a bad setting.</summary>
    public HermesDetector(HermesDetectorSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        settings.Validate();
        _s = settings;
        _columnsWithTrend = 2 + (2 * settings.Harmonics);
        _row = new double[_columnsWithTrend];
    }

    /// <summary>The settings.</summary>
    public HermesDetectorSettings Settings => _s;

    /// <summary>
    /// Scores steps <paramref name="first"/>..<paramref name="last"/> (1-based, inclusive). A step with less than
    /// <see cref="HermesDetectorSettings.MinimumHistory"/> steps of history, or whose model did not converge,
    /// gets NaN (no decision). Counts must be ≥ 0.
    /// </summary>
    public IReadOnlyList<HermesWeek> Score(ReadOnlySpan<int> observed, int first, int last)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(first, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(last, observed.Length);
        foreach (var c in observed)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(c, nameof(observed));
        }
        var result = new List<HermesWeek>(Math.Max(0, last - first + 1));
        for (var t = first; t <= last; t++)
        {
            result.Add(Step(observed, t));
        }
        return result;
    }

    /// <summary>Alarms where the score exceeds <paramref name="threshold"/> (−log10 p); bound = smallest current count that would alarm.</summary>
    public IReadOnlyList<DetectionWeek> Run(ReadOnlySpan<int> observed, double threshold, int first, int last)
    {
        if (!(threshold > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(threshold), threshold, "threshold must be > 0");
        }
        var weeks = Score(observed, first, last);
        var copy = observed.ToArray();
        var result = new List<DetectionWeek>(weeks.Count);
        foreach (var w in weeks)
        {
            result.Add(double.IsNaN(w.Score)
                ? new DetectionWeek(w.Step, w.Observed, double.NaN, null)
                : new DetectionWeek(w.Step, w.Observed, Bound(copy, w.Step, threshold), w.Score > threshold));
        }
        return result;
    }

    // Smallest count at step t whose score exceeds the threshold, the rest of the series unchanged.
    private double Bound(int[] observed, int t, double threshold)
    {
        var original = observed[t - 1];
        try
        {
            for (var y = 1; y < 1_000_000; y = y < 64 ? y + 1 : y + (y / 16))
            {
                observed[t - 1] = y;
                if (Step(observed, t).Score > threshold)
                {
                    return y;
                }
            }
            return double.PositiveInfinity;
        }
        finally
        {
            observed[t - 1] = original;
        }
    }

    private HermesWeek Step(ReadOnlySpan<int> observed, int t)
    {
        var y = observed[t - 1];
        var end = t - _s.GapSteps; // last fitted step
        var start = Math.Max(1, end - (_s.HistoryPeriods * _s.PeriodLength) + 1);
        var n = end - start + 1;
        if (n < _s.MinimumHistory)
        {
            return new HermesWeek(t, y, double.NaN, double.NaN, 0);
        }
        if (!Fit(observed, start, end, t, trend: true, out var phi))
        {
            return new HermesWeek(t, y, double.NaN, double.NaN, 0);
        }
        var p = _columnsWithTrend;
        var trendZ = _glm.Beta[1] / Math.Sqrt(phi * _glm.CovUnscaled[p + 1]);
        var hasTrend = Math.Abs(trendZ) > TrendZ;
        if (!hasTrend && !Fit(observed, start, end, t, trend: false, out phi))
        {
            return new HermesWeek(t, y, double.NaN, double.NaN, 0);
        }
        var expected = Mean(t, t, hasTrend);
        if (y == 0)
        {
            return new HermesWeek(t, y, expected, 0, 1);
        }
        var best = 0.0;
        var window = 1;
        double sumMu = 0;
        var sumY = 0;
        for (var l = 1; l <= _s.MaxWindow && t - l + 1 >= 1; l++)
        {
            var step = t - l + 1;
            sumMu += Mean(step, t, hasTrend);
            sumY += observed[step - 1];
            var score = -Math.Log10(MidPUpperTail(sumY, sumMu, phi));
            if (score > best)
            {
                best = score;
                window = l;
            }
        }
        return new HermesWeek(t, y, expected, best, window);
    }

    // Quasi-Poisson fit on steps start..end with the time column centred at t; Anscombe reweighting as Noufaily.
    private bool Fit(ReadOnlySpan<int> observed, int start, int end, int t, bool trend, out double phi)
    {
        var n = end - start + 1;
        var p = trend ? _columnsWithTrend : _columnsWithTrend - 1;
        if (_x.Length < n * _columnsWithTrend)
        {
            _x = new double[n * _columnsWithTrend];
            _y = new double[n];
            _w = new double[n];
        }
        for (var i = 0; i < n; i++)
        {
            var step = start + i;
            Row(step, t, trend);
            _row.AsSpan(0, p).CopyTo(_x.AsSpan(i * p, p));
            _y[i] = observed[step - 1];
        }
        _glm.Fit(_x, _y, [], n, p);
        phi = double.NaN;
        if (!_glm.Converged)
        {
            return false;
        }
        phi = Math.Max(_glm.Dispersion, 1);
        var mu = _glm.Mu;
        var inverseSquares = 0.0;
        for (var i = 0; i < n; i++)
        {
            var a = 1.5 * ((Math.Pow(_y[i], 2.0 / 3.0) * Math.Pow(mu[i], -1.0 / 6.0)) - Math.Sqrt(mu[i]));
            a /= Math.Sqrt(phi * Math.Max(1e-12, 1 - _glm.Hat(i)));
            _w[i] = a;
            inverseSquares += a > _s.WeightsThreshold ? 1 / (a * a) : 1;
        }
        var gamma = n / inverseSquares;
        for (var i = 0; i < n; i++)
        {
            var a = _w[i];
            _w[i] = a > _s.WeightsThreshold ? gamma / (a * a) : gamma;
        }
        _glm.Fit(_x, _y, _w, n, p);
        if (!_glm.Converged)
        {
            return false;
        }
        phi = Math.Max(_glm.Dispersion, 1);
        return true;
    }

    private void Row(int step, int t, bool trend)
    {
        var c = 0;
        _row[c++] = 1;
        if (trend)
        {
            _row[c++] = step - t;
        }
        for (var h = 1; h <= _s.Harmonics; h++)
        {
            var angle = 2 * Math.PI * h * step / _s.PeriodLength;
            _row[c++] = Math.Cos(angle);
            _row[c++] = Math.Sin(angle);
        }
    }

    private double Mean(int step, int t, bool trend)
    {
        Row(step, t, trend);
        var p = trend ? _columnsWithTrend : _columnsWithTrend - 1;
        var eta = 0.0;
        for (var j = 0; j < p; j++)
        {
            eta += _row[j] * _glm.Beta[j];
        }
        return Math.Max(Math.Exp(eta), 1e-12);
    }

    /// <summary>P(S &gt; s) + ½P(S = s) for S negative binomial with mean <paramref name="mean"/> and variance φ·mean (Poisson when φ = 1).</summary>
    internal static double MidPUpperTail(int s, double mean, double phi) =>
        0.5 * (UpperTail(s, mean, phi) + UpperTail(s + 1, mean, phi));

    // P(S ≥ s) without cancellation: Poisson P(S ≥ s) = P(s, λ) (lower regularized gamma); NB(size r, prob p): I_{1−p}(s, r).
    private static double UpperTail(int s, double mean, double phi)
    {
        if (s <= 0)
        {
            return 1;
        }
        if (phi <= 1 + 1e-9)
        {
            return SpecialFunctions.GammaLowerRegularized(s, mean);
        }
        var size = mean / (phi - 1);
        var prob = 1 / phi;
        return SpecialFunctions.BetaRegularized(s, size, 1 - prob);
    }
}
