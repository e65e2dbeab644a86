using Care.Core.Observations;

namespace Care.Hermes.Population;

/// <summary>
/// Resting heart rate against the wearer's own baseline, the wearable signal of Radin et al. (2020, Lancet Digital
/// Health: resting heart rate above the individual's average tracked influenza-like illness) and Mishra et al. (2020).
/// A day's resting rate is the 10th percentile of its heart-rate readings (the lowest tenth: rest and sleep), taken when the
/// day holds at least <see cref="MinimumReadings"/>; the baseline is the median of the previous 28 days' resting rates
/// (at least <see cref="MinimumBaselineDays"/> of them); raised means at least <see cref="RaisedByPerMinute"/> above it. Pure.
/// </summary>
public static class RestingHeartRate
{
    /// <summary>Readings a day needs for a resting rate.</summary>
    public const int MinimumReadings = 60;

    /// <summary>Days with a resting rate the baseline needs.</summary>
    public const int MinimumBaselineDays = 7;

    /// <summary>Rise over the baseline that counts as raised, beats per minute (Mishra et al. 2020 flag rises of a few beats sustained over days; 5 /min is our margin).</summary>
    public const double RaisedByPerMinute = 5;

    /// <summary>Days of history read for the baseline.</summary>
    public const int BaselineDays = 28;

    /// <summary>
    /// True when the resting rate of the UTC day starting at <paramref name="dayStart"/> is raised against the previous
    /// <see cref="BaselineDays"/> days in <paramref name="heartRate"/> (other signs are ignored); false when either lacks data.
    /// </summary>
    public static bool IsRaised(IReadOnlyList<Observation> heartRate, DateTimeOffset dayStart)
    {
        ArgumentNullException.ThrowIfNull(heartRate);
        var byDay = new Dictionary<int, List<double>>();
        foreach (var o in heartRate)
        {
            if (o.Sign != VitalSign.HeartRate || !double.IsFinite(o.Value))
            {
                continue;
            }
            var offset = (int)Math.Floor((o.Time - dayStart).TotalDays);
            if (offset is < -BaselineDays or > 0)
            {
                continue;
            }
            if (!byDay.TryGetValue(offset, out var list))
            {
                byDay[offset] = list = [];
            }
            list.Add(o.Value);
        }
        if (!byDay.TryGetValue(0, out var today) || today.Count < MinimumReadings)
        {
            return false;
        }
        var baseline = byDay.Where(d => d.Key < 0 && d.Value.Count >= MinimumReadings).Select(d => Resting(d.Value)).Order().ToList();
        if (baseline.Count < MinimumBaselineDays)
        {
            return false;
        }
        var median = baseline.Count % 2 == 1 ? baseline[baseline.Count / 2] : (baseline[(baseline.Count / 2) - 1] + baseline[baseline.Count / 2]) / 2;
        return Resting(today) >= median + RaisedByPerMinute;
    }

    // 10th percentile (nearest rank).
    private static double Resting(List<double> values)
    {
        values.Sort();
        return values[Math.Max(0, (int)Math.Ceiling(0.1 * values.Count) - 1)];
    }
}
