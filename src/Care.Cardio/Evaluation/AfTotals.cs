namespace Care.Cardio.Evaluation;

/// <summary>Gross AF figures over a set of records (sums of samples and episodes, not means of rates).</summary>
/// <param name="Records">Records scored.</param>
/// <param name="LongEpisodeSe">Reference episodes ≥ 30 s found, percent (NaN without any).</param>
/// <param name="LongEpisodePpv">Detected episodes ≥ 30 s that are true, percent (NaN without any).</param>
/// <param name="DurationSe">Reference AF time detected, percent.</param>
/// <param name="DurationPpv">Detected AF time that is reference AF, percent.</param>
/// <param name="MaxBurdenErrorPoints">Largest |detected − reference burden| of any record, percentage points.</param>
/// <param name="WorstBurdenRecord">The record with that error.</param>
/// <param name="FalseAfMinutesOnNonAfRecords">Detected AF minutes on records without reference AF, in all.</param>
/// <param name="MaxFalseAfMinutesOnANonAfRecord">The most on one such record.</param>
/// <param name="NonAfRecordsWithFalseAf">Records without reference AF that show detected AF.</param>
public readonly record struct AfTotals(
    int Records,
    double LongEpisodeSe,
    double LongEpisodePpv,
    double DurationSe,
    double DurationPpv,
    double MaxBurdenErrorPoints,
    string WorstBurdenRecord,
    double FalseAfMinutesOnNonAfRecords,
    double MaxFalseAfMinutesOnANonAfRecord,
    int NonAfRecordsWithFalseAf)
{
    /// <summary>min(duration Se, duration +P), percent: the objective by which settings are chosen (NaN counts as 0).</summary>
    public double MinDuration => Math.Min(Zero(DurationSe), Zero(DurationPpv));

    /// <summary>Sums <paramref name="scores"/> (at least one).</summary>
    public static AfTotals Of(IReadOnlyList<AfScore> scores)
    {
        ArgumentNullException.ThrowIfNull(scores);
        ArgumentOutOfRangeException.ThrowIfZero(scores.Count);
        var worst = scores.MaxBy(s => Math.Abs(s.BurdenErrorPoints))!;
        var nonAf = scores.Where(s => s.ReferenceSamples == 0).ToList();
        return new AfTotals(
            scores.Count,
            Percent(scores.Sum(s => s.ReferenceLongEpisodesFound), scores.Sum(s => s.ReferenceLongEpisodes)),
            Percent(scores.Sum(s => s.DetectedLongEpisodesTrue), scores.Sum(s => s.DetectedLongEpisodes)),
            Percent(scores.Sum(s => s.OverlapSamples), scores.Sum(s => s.ReferenceSamples)),
            Percent(scores.Sum(s => s.OverlapSamples), scores.Sum(s => s.DetectedSamples)),
            Math.Abs(worst.BurdenErrorPoints),
            worst.Record,
            nonAf.Sum(s => s.FalseAfMinutes),
            nonAf.Count == 0 ? 0 : nonAf.Max(s => s.FalseAfMinutes),
            nonAf.Count(s => s.DetectedSamples > 0));
    }

    /// <summary>100 · <paramref name="part"/> / <paramref name="whole"/>, NaN when <paramref name="whole"/> is 0.</summary>
    public static double Percent(long part, long whole) => whole == 0 ? double.NaN : 100.0 * part / whole;

    private static double Zero(double x) => double.IsNaN(x) ? 0 : x;
}
