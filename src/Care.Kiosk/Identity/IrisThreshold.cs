namespace Care.Kiosk.Identity;

/// <summary>
/// The decision threshold for a stated false-match rate, from Daugman's model of impostor scores:
/// a normalised distance behaves like the fraction of heads in <c>N</c> fair coin tosses (N ≈ 249
/// degrees of freedom for real irises), and the best of <c>k</c> rotations is the minimum of k such
/// draws, so FMR(t) = 1 − (1 − B(t; N))^k with B the binomial cumulative distribution. Thread safe.
/// </summary>
public static class IrisThreshold
{
    /// <summary>Probability that one impostor comparison (best of <paramref name="rotations"/>) scores ≤ <paramref name="threshold"/>.</summary>
    public static double FalseMatchRate(double threshold, double degreesOfFreedom, int rotations)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(degreesOfFreedom, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(rotations, 1);
        if (double.IsNaN(threshold))
        {
            throw new ArgumentOutOfRangeException(nameof(threshold), "the threshold is NaN");
        }
        double single = BinomialCdf((int)Math.Floor(threshold * degreesOfFreedom), (int)Math.Round(degreesOfFreedom));
        // For tiny rates 1 − (1 − p)^k loses every digit to rounding; k·p is then exact to ~k·p².
        return single < 1e-9 ? rotations * single : 1 - Math.Pow(1 - single, rotations);
    }

    /// <summary>The largest threshold (to 1e-4) whose modelled false-match rate is at most <paramref name="falseMatchRate"/>.</summary>
    public static double For(double falseMatchRate, double degreesOfFreedom, int rotations)
    {
        if (!(falseMatchRate > 0 && falseMatchRate < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(falseMatchRate), falseMatchRate, "a false-match rate is in (0, 1)");
        }
        double lo = 0, hi = 0.5;
        while (hi - lo > 1e-4)
        {
            double mid = (lo + hi) / 2;
            if (FalseMatchRate(mid, degreesOfFreedom, rotations) <= falseMatchRate)
            {
                lo = mid;
            }
            else
            {
                hi = mid;
            }
        }
        return lo;
    }

    /// <summary>Degrees of freedom of a score distribution with mean <paramref name="mean"/> and standard deviation <paramref name="sd"/>: p(1 − p)/σ² (Daugman 2004).</summary>
    public static double DegreesOfFreedom(double mean, double sd) => mean * (1 - mean) / (sd * sd);

    private static double BinomialCdf(int k, int n)
    {
        if (k < 0)
        {
            return 0;
        }
        if (k >= n)
        {
            return 1;
        }
        // Sum of C(n, i)/2^n in log space.
        double sum = 0;
        double logHalfN = n * Math.Log(0.5);
        for (int i = 0; i <= k; i++)
        {
            sum += Math.Exp(LogChoose(n, i) + logHalfN);
        }
        return Math.Min(1, sum);
    }

    private static double LogChoose(int n, int k)
    {
        double r = 0;
        for (int i = 1; i <= k; i++)
        {
            r += Math.Log(n - k + i) - Math.Log(i);
        }
        return r;
    }
}
