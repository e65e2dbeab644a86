using MathNet.Numerics.Distributions;

namespace Care.Epidemic.Surveillance;

/// <summary>
/// EARS C1, C2 and C3 exactly as R <c>surveillance::earsC</c> (1.20.3): mean and sample standard deviation
/// (n − 1) of a 7-week baseline (C2, C3: lagged 2 weeks), threshold mean + z₁₋α·max(sd, minSigma); C3's
/// bound is <c>max(0, x + sd·(z − (C2⁺ₜ₋₂ + C2⁺ₜ₋₁)))</c> with C2⁺ = max(0, C2 − 1). A zero-variance
/// baseline makes C2 0/0 or ±∞ as in R, so C3 then yields NaN bound and no decision (R's NA); C1 and C2
/// compare with the mean. Pure; allocates the result only.
/// </summary>
public static class EarsC
{
    /// <summary>Default α: 0.001 for C1 and C2, 0.025 for C3 (the package defaults).</summary>
    public static double DefaultAlpha(EarsMethod method) => method == EarsMethod.C3 ? 0.025 : 0.001;

    /// <summary>First 1-based week evaluated by default: baseline + 1, + 3, + 5 for C1, C2, C3.</summary>
    public static int DefaultFirstWeek(EarsMethod method, int baseline = 7) => method switch
    {
        EarsMethod.C1 => baseline + 1,
        EarsMethod.C2 => baseline + 3,
        _ => baseline + 5,
    };

    /// <summary>
    /// Runs one method from <paramref name="firstWeek"/> (1-based, default as in R) to the end of the series.
    /// </summary>
    /// <param name="observed">Weekly counts (≥ 0).</param>
    /// <param name="method">C1, C2 or C3.</param>
    /// <param name="alpha">Upper-tail probability in (0, 1); null for <see cref="DefaultAlpha"/>.</param>
    /// <param name="baseline">Baseline weeks, ≥ 3.</param>
    /// <param name="minSigma">Floor of the standard deviation, ≥ 0.</param>
    /// <param name="firstWeek">First week evaluated; null for <see cref="DefaultFirstWeek"/>.</param>
    public static IReadOnlyList<DetectionWeek> Run(ReadOnlySpan<int> observed, EarsMethod method, double? alpha = null, int baseline = 7, double minSigma = 0, int? firstWeek = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(baseline, 3);
        if (!(minSigma >= 0))
        {
            throw new ArgumentOutOfRangeException(nameof(minSigma), minSigma, "minSigma must be ≥ 0");
        }
        var a = alpha ?? DefaultAlpha(method);
        if (!(a is > 0 and < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(alpha), a, "alpha must lie in (0, 1)");
        }
        var z = Normal.InvCDF(0, 1, 1 - a);
        var first = firstWeek ?? DefaultFirstWeek(method, baseline);
        var maxLag = method switch { EarsMethod.C1 => baseline, EarsMethod.C2 => baseline + 2, _ => baseline + 4 };
        if (first - maxLag < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(firstWeek), first, $"the series needs {maxLag} weeks before the first evaluated week");
        }
        var result = new List<DetectionWeek>(Math.Max(0, observed.Length - first + 1));
        for (var week = first; week <= observed.Length; week++)
        {
            var t = week - 1; // 0-based
            var x = observed[t];
            double bound;
            if (method == EarsMethod.C3)
            {
                var (_, sd) = Baseline(observed, t, 3, baseline, minSigma);
                bound = x + sd * (z - (Excess(observed, t - 2, baseline, minSigma) + Excess(observed, t - 1, baseline, minSigma)));
                bound = double.IsNaN(bound) ? double.NaN : Math.Max(0, bound);
            }
            else
            {
                var (mean, sd) = Baseline(observed, t, method == EarsMethod.C1 ? 1 : 3, baseline, minSigma);
                bound = mean + z * sd;
            }
            result.Add(new DetectionWeek(week, x, bound, double.IsNaN(bound) ? null : x > bound));
        }
        return result;
    }

    // max(0, C2 − 1) at 0-based week t; NaN propagates like R's pmax.
    private static double Excess(ReadOnlySpan<int> observed, int t, int baseline, double minSigma)
    {
        var (mean, sd) = Baseline(observed, t, 3, baseline, minSigma);
        var c2 = (observed[t] - mean) / sd;
        return double.IsNaN(c2) ? double.NaN : Math.Max(0, c2 - 1);
    }

    // Mean and max(sd, minSigma) of observed[t − lag − baseline + 1 .. t − lag].
    private static (double Mean, double Sd) Baseline(ReadOnlySpan<int> observed, int t, int lag, int baseline, double minSigma)
    {
        var window = observed.Slice(t - lag - baseline + 1, baseline);
        var sum = 0.0;
        foreach (var v in window)
        {
            sum += v;
        }
        var mean = sum / baseline;
        var ss = 0.0;
        foreach (var v in window)
        {
            ss += (v - mean) * (v - mean);
        }
        return (mean, Math.Max(Math.Sqrt(ss / (baseline - 1)), minSigma));
    }
}
