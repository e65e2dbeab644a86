namespace Care.Epidemic.Surveillance;

/// <summary>
/// Runs EARS C1–C3, CUSUM and Farrington flexible (1996 and Noufaily 2013 settings) on each series with the package defaults used for the reference
/// outputs, and scores them (see <see cref="DetectorScore"/>). Pure.
/// </summary>
public static class SurveillanceEvaluation
{
    /// <summary>Relative tolerance on upper bounds (issue 13: 1e-6).</summary>
    public const double BoundTolerance = 1e-6;

    /// <summary>The reference method label of each detector.</summary>
    public static IReadOnlyDictionary<string, string> ReferenceMethod { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["C1"] = "C1",
        ["C2"] = "C2",
        ["C3"] = "C3",
        ["CUSUM"] = "cusum_standard_k1.04_h2.26",
        ["Farrington1996"] = "farrington1996",
        ["Noufaily2013"] = "noufaily2013",
    };

    /// <summary>
    /// Years back for the Farrington detectors, as the reference outputs chose them: 4 when the series
    /// holds at least 5 years (salmonella.agona, 312 weeks), else 3 (the 209-week RKI series).
    /// </summary>
    public static int FarringtonYearsBack(int weeks) => weeks >= 5 * 52 ? 4 : 3;

    /// <summary>Runs the named detector with the reference settings (CUSUM: first year as baseline, from week 53).</summary>
    public static IReadOnlyList<DetectionWeek> Run(string algorithm, IReadOnlyList<int> observed)
    {
        var counts = observed.ToArray();
        return algorithm switch
        {
            "C1" => EarsC.Run(counts, EarsMethod.C1),
            "C2" => EarsC.Run(counts, EarsMethod.C2),
            "C3" => EarsC.Run(counts, EarsMethod.C3),
            "CUSUM" => Cusum.Run(counts, firstWeek: 53),
            "Farrington1996" => Farrington(counts, FarringtonSettings.Farrington1996(FarringtonYearsBack(counts.Length))),
            "Noufaily2013" => Farrington(counts, FarringtonSettings.Noufaily2013(FarringtonYearsBack(counts.Length))),
            _ => throw new ArgumentOutOfRangeException(nameof(algorithm), algorithm, "unknown detector"),
        };
    }

    private static IReadOnlyList<DetectionWeek> Farrington(int[] counts, FarringtonSettings settings) =>
        [.. FarringtonFlexible.Run(counts, settings, settings.FirstWeekWithHistory, counts.Length).Select(w => w.Week)];

    /// <summary>Scores every detector on every series against the labels and <paramref name="reference"/>.</summary>
    public static IReadOnlyList<DetectorScore> Evaluate(IReadOnlyList<SurveillanceSeries> series, IReadOnlyList<ReferenceRow> reference)
    {
        ArgumentNullException.ThrowIfNull(series);
        ArgumentNullException.ThrowIfNull(reference);
        var byKey = reference.GroupBy(r => (r.Dataset, r.Method)).ToDictionary(g => g.Key, g => g.ToDictionary(r => r.WeekIndex));
        var scores = new List<DetectorScore>();
        foreach (var s in series)
        {
            foreach (var algorithm in ReferenceMethod.Keys)
            {
                var weeks = Run(algorithm, s.Observed);
                byKey.TryGetValue((s.Name, ReferenceMethod[algorithm]), out var refWeeks);
                scores.Add(Score(s, algorithm, weeks, refWeeks));
            }
        }
        return scores;
    }

    /// <summary>Scores one run.</summary>
    public static DetectorScore Score(SurveillanceSeries s, string algorithm, IReadOnlyList<DetectionWeek> weeks, IReadOnlyDictionary<int, ReferenceRow>? reference)
    {
        ArgumentNullException.ThrowIfNull(s);
        ArgumentNullException.ThrowIfNull(weeks);
        int tp = 0, pos = 0, tn = 0, neg = 0, agree = 0, refCount = 0;
        var alarms = new List<int>();
        var disagreements = new List<int>();
        foreach (var w in weeks)
        {
            var alarm = w.Alarm == true;
            if (alarm)
            {
                alarms.Add(w.WeekIndex);
            }
            if (s.Outbreak[w.WeekIndex - 1])
            {
                pos++;
                tp += alarm ? 1 : 0;
            }
            else
            {
                neg++;
                tn += alarm ? 0 : 1;
            }
            if (reference is not null && reference.TryGetValue(w.WeekIndex, out var r))
            {
                refCount++;
                if (r.Alarm == w.Alarm && SameBound(r.UpperBound, w.UpperBound))
                {
                    agree++;
                }
                else
                {
                    disagreements.Add(w.WeekIndex);
                }
            }
        }
        return new DetectorScore(s.Name, algorithm, alarms, pos == 0 ? double.NaN : (double)tp / pos, neg == 0 ? double.NaN : (double)tn / neg,
            Timeliness(s, weeks), refCount, agree, disagreements);
    }

    private static bool SameBound(double expected, double actual) =>
        double.IsNaN(expected) ? double.IsNaN(actual)
        : !double.IsNaN(actual) && Math.Abs(actual - expected) <= (BoundTolerance * Math.Abs(expected)) + 1e-9;

    // Outbreaks = maximal runs of labelled weeks inside the evaluated range.
    private static double Timeliness(SurveillanceSeries s, IReadOnlyList<DetectionWeek> weeks)
    {
        var total = 0.0;
        var outbreaks = 0;
        var i = 0;
        while (i < weeks.Count)
        {
            if (!s.Outbreak[weeks[i].WeekIndex - 1])
            {
                i++;
                continue;
            }
            var start = i;
            while (i < weeks.Count && s.Outbreak[weeks[i].WeekIndex - 1])
            {
                i++;
            }
            var length = i - start;
            var firstAlarm = Enumerable.Range(start, length).FirstOrDefault(j => weeks[j].Alarm == true, -1);
            total += firstAlarm < 0 ? 1.0 : (double)(firstAlarm - start) / length;
            outbreaks++;
        }
        return outbreaks == 0 ? double.NaN : total / outbreaks;
    }
}
