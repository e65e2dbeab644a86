namespace Care.Cardio.Evaluation;

/// <summary>
/// Atrial-fibrillation detection scored against reference episodes, per ANSI/AAMI EC57 (as
/// PhysioNet's <c>epicmp</c> does): an episode counts as found when it overlaps one of the other
/// side; duration figures use the exact overlap in samples.
/// </summary>
/// <param name="Record">The record name.</param>
/// <param name="SamplingHz">The record's sampling rate, Hz.</param>
/// <param name="ReferenceEpisodes">Reference AF episodes.</param>
/// <param name="ReferenceEpisodesFound">Reference episodes overlapped by a detected episode.</param>
/// <param name="DetectedEpisodes">Detected AF episodes.</param>
/// <param name="DetectedEpisodesTrue">Detected episodes that overlap a reference episode.</param>
/// <param name="ReferenceSamples">Samples of reference AF.</param>
/// <param name="DetectedSamples">Samples of detected AF.</param>
/// <param name="OverlapSamples">Samples that are AF in both.</param>
/// <param name="RecordSamples">Samples in the record.</param>
/// <param name="ReferenceLongEpisodes">Reference episodes of at least 30 s.</param>
/// <param name="ReferenceLongEpisodesFound">Those overlapped by a detected episode.</param>
/// <param name="DetectedLongEpisodes">Detected episodes of at least 30 s.</param>
/// <param name="DetectedLongEpisodesTrue">Those that overlap a reference episode.</param>
public sealed record AfScore(
    string Record,
    double SamplingHz,
    int ReferenceEpisodes,
    int ReferenceEpisodesFound,
    int DetectedEpisodes,
    int DetectedEpisodesTrue,
    long ReferenceSamples,
    long DetectedSamples,
    long OverlapSamples,
    long RecordSamples,
    int ReferenceLongEpisodes,
    int ReferenceLongEpisodesFound,
    int DetectedLongEpisodes,
    int DetectedLongEpisodesTrue)
{
    /// <summary>The shortest episode, seconds, counted in the long-episode figures.</summary>
    public const double LongEpisodeSeconds = 30;

    /// <summary>Reference AF burden, percent of the record's time.</summary>
    public double ReferenceBurdenPercent => RecordSamples == 0 ? double.NaN : 100.0 * ReferenceSamples / RecordSamples;

    /// <summary>Detected AF burden, percent of the record's time.</summary>
    public double DetectedBurdenPercent => RecordSamples == 0 ? double.NaN : 100.0 * DetectedSamples / RecordSamples;

    /// <summary>Detected minus reference burden, percentage points.</summary>
    public double BurdenErrorPoints => DetectedBurdenPercent - ReferenceBurdenPercent;

    /// <summary>Detected AF time outside reference AF, in minutes.</summary>
    public double FalseAfMinutes => (DetectedSamples - OverlapSamples) / SamplingHz / 60;

    /// <summary>
    /// Scores <paramref name="detected"/> against <paramref name="reference"/> (both lists of
    /// [start, end) sample intervals, sorted, disjoint) over a record of <paramref name="recordSamples"/> samples.
    /// </summary>
    public static AfScore Compare(string record, double samplingHz, long recordSamples, IReadOnlyList<(long Start, long End)> reference, IReadOnlyList<(long Start, long End)> detected)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(recordSamples);
        ArgumentNullException.ThrowIfNull(reference);
        ArgumentNullException.ThrowIfNull(detected);
        static bool Overlaps((long Start, long End) a, IReadOnlyList<(long Start, long End)> others) =>
            others.Any(b => a.Start < b.End && b.Start < a.End);
        long overlap = 0;
        foreach (var a in reference)
        {
            foreach (var b in detected)
            {
                overlap += Math.Max(0, Math.Min(a.End, b.End) - Math.Max(a.Start, b.Start));
            }
        }
        return new AfScore(
            record,
            samplingHz,
            reference.Count,
            reference.Count(r => Overlaps(r, detected)),
            detected.Count,
            detected.Count(d => Overlaps(d, reference)),
            reference.Sum(r => r.End - r.Start),
            detected.Sum(d => d.End - d.Start),
            overlap,
            recordSamples,
            reference.Count(r => IsLong(r)),
            reference.Count(r => IsLong(r) && Overlaps(r, detected)),
            detected.Count(d => IsLong(d)),
            detected.Count(d => IsLong(d) && Overlaps(d, reference)));

        bool IsLong((long Start, long End) e) => e.End - e.Start >= LongEpisodeSeconds * samplingHz;
    }

    /// <summary>
    /// The reference AF episodes of an annotation list: from each rhythm annotation whose AUX is
    /// <c>(AFIB</c> to the next rhythm annotation, or to <paramref name="recordLength"/>.
    /// </summary>
    public static IReadOnlyList<(long Start, long End)> ReferenceEpisodesOf(IReadOnlyList<Care.Cardio.Wfdb.Annotation> annotations, long recordLength)
    {
        ArgumentNullException.ThrowIfNull(annotations);
        var result = new List<(long, long)>();
        long? start = null;
        foreach (var a in annotations)
        {
            if (a.Code != Care.Cardio.Wfdb.AnnotationCodes.Rhythm || a.Aux is null)
            {
                continue;
            }
            var isAf = a.Aux.StartsWith("(AFIB", StringComparison.Ordinal);
            if (isAf && start is null)
            {
                start = a.Sample;
            }
            else if (!isAf && start is { } s)
            {
                result.Add((s, a.Sample));
                start = null;
            }
        }
        if (start is { } open)
        {
            result.Add((open, recordLength));
        }
        return result;
    }
}
