namespace Care.Epidemic.Surveillance;

/// <summary>
/// The CUSUM of R <c>surveillance::algo.cusum</c> with the standard transformation: m = mean of every week
/// before the range, zₜ = (xₜ − m)/√m, Sₜ = max(0, Sₜ₋₁ + zₜ − k), alarm when Sₜ ≥ h; the bound is the
/// smallest alarming count <c>ceiling(√m·(h + k − Sₜ₋₁) + m)</c>, floored at 0. Like the package, S is
/// not reset after an alarm. A zero baseline mean gives NaN statistics (R: NA), reported as no decision.
/// </summary>
public static class Cusum
{
    /// <summary>Reference value k of the package default.</summary>
    public const double DefaultK = 1.04;

    /// <summary>Decision interval h of the package default.</summary>
    public const double DefaultH = 2.26;

    /// <summary>Runs from 1-based <paramref name="firstWeek"/> (R's default use: week 53, one year of baseline) to the end.</summary>
    public static IReadOnlyList<DetectionWeek> Run(ReadOnlySpan<int> observed, int firstWeek, double k = DefaultK, double h = DefaultH)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(firstWeek, 2);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(firstWeek, observed.Length + 1);
        var sum = 0.0;
        for (var i = 0; i < firstWeek - 1; i++)
        {
            sum += observed[i];
        }
        var m = sum / (firstWeek - 1);
        var result = new List<DetectionWeek>(observed.Length - firstWeek + 1);
        var s = 0.0;
        var sqrtM = Math.Sqrt(m);
        for (var week = firstWeek; week <= observed.Length; week++)
        {
            var x = observed[week - 1];
            var bound = Math.Ceiling(sqrtM * (h + k - s) + m);
            bound = double.IsNaN(bound) || bound < 0 ? 0 : bound; // R: upperbound[is.na] <- 0; [< 0] <- 0
            var next = s + ((x - m) / sqrtM - k);
            s = double.IsNaN(next) ? double.NaN : Math.Max(0, next);
            result.Add(new DetectionWeek(week, x, bound, double.IsNaN(s) ? null : s >= h));
        }
        return result;
    }
}
