namespace Care.Clinical.Sepsis;

/// <summary>
/// The PhysioNet/CinC Challenge 2019 clinical utility, exactly as the official scorer
/// (<c>evaluate_sepsis_score.py</c>, <c>compute_prediction_utility</c>) defines it with its default
/// parameters: dt_early = −12 h, dt_optimal = −6 h, dt_late = +3 h, max TP utility 1, min FN
/// utility −2, FP utility −0.05, TN utility 0. For a septic record the onset is
/// t_s = (first hour with label 1) + 6; hours after t_s + 3 count 0. Stateless and thread-safe.
/// </summary>
public static class UtilityScorer
{
    /// <summary>dt_early: alarms this many hours before onset (or earlier) earn nothing.</summary>
    public const double EarlyHours = -12;

    /// <summary>dt_optimal: the ideal alarm time relative to onset; the label switches on here.</summary>
    public const double OptimalHours = -6;

    /// <summary>dt_late: hours after onset beyond which nothing counts.</summary>
    public const double LateHours = 3;

    /// <summary>Utility of a false alarm (and the floor of an early alarm).</summary>
    public const double FalseAlarm = -0.05;

    private const double MaxTruePositive = 1;
    private const double MinFalseNegative = -2;

    /// <summary>
    /// Summed utility of <paramref name="predictions"/> (one per hour, true = alarm) for a record
    /// with hourly <paramref name="labels"/>.
    /// </summary>
    /// <exception cref="ArgumentException">The spans differ in length.</exception>
    public static double RecordUtility(ReadOnlySpan<bool> labels, ReadOnlySpan<bool> predictions)
    {
        if (labels.Length != predictions.Length)
        {
            throw new ArgumentException($"{predictions.Length} predictions for {labels.Length} labelled hours", nameof(predictions));
        }
        int first = labels.IndexOf(true);
        if (first < 0)
        {
            return FalseAlarm * predictions.Count(true);
        }
        double onset = first - OptimalHours;
        // Linear pieces u = m·(t − t_s) + b of the official scorer.
        const double m1 = MaxTruePositive / (OptimalHours - EarlyHours);
        const double b1 = -m1 * EarlyHours;
        const double m2 = -MaxTruePositive / (LateHours - OptimalHours);
        const double b2 = -m2 * LateHours;
        const double m3 = MinFalseNegative / (LateHours - OptimalHours);
        const double b3 = -m3 * OptimalHours;
        double sum = 0;
        for (int t = 0; t < labels.Length; t++)
        {
            double d = t - onset;
            if (d > LateHours)
            {
                break;
            }
            if (predictions[t])
            {
                sum += d <= OptimalHours ? Math.Max(m1 * d + b1, FalseAlarm) : m2 * d + b2;
            }
            else if (d > OptimalHours)
            {
                sum += m3 * d + b3;
            }
        }
        return sum;
    }

    /// <summary>
    /// Writes the optimal reference classifier's alarms into <paramref name="destination"/>: true in
    /// hours t_s − 12 … t_s + 3 of a septic record (clipped to the record), false elsewhere.
    /// </summary>
    public static void OptimalPredictions(ReadOnlySpan<bool> labels, Span<bool> destination)
    {
        if (destination.Length != labels.Length)
        {
            throw new ArgumentException("destination must have one entry per labelled hour", nameof(destination));
        }
        destination.Clear();
        int first = labels.IndexOf(true);
        if (first < 0)
        {
            return;
        }
        double onset = first - OptimalHours;
        int from = Math.Max(0, (int)(onset + EarlyHours));
        int to = Math.Min(labels.Length - 1, (int)(onset + LateHours));
        for (int t = from; t <= to; t++)
        {
            destination[t] = true;
        }
    }

    /// <summary>The observed, inaction and optimal utility of one record.</summary>
    public static UtilityScore Score(ReadOnlySpan<bool> labels, ReadOnlySpan<bool> predictions)
    {
        Span<bool> reference = labels.Length <= 1024 ? stackalloc bool[labels.Length] : new bool[labels.Length];
        double observed = RecordUtility(labels, predictions);
        reference.Clear();
        double inaction = RecordUtility(labels, reference);
        OptimalPredictions(labels, reference);
        double optimal = RecordUtility(labels, reference);
        return new UtilityScore(observed, inaction, optimal);
    }
}
