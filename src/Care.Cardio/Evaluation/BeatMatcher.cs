using Care.Cardio.Wfdb;

namespace Care.Cardio.Evaluation;

/// <summary>
/// Beat-by-beat comparison of detections with reference annotations per ANSI/AAMI EC57, following
/// PhysioNet's <c>bxb</c>: only beat annotations count; a detection matches a reference beat within
/// the match window (150 ms), pairing each with the closer of its neighbours; reference beats inside
/// ventricular flutter/fibrillation episodes (<c>[</c> … <c>]</c>) are not scored, and neither are
/// detections inside them; scoring starts at <c>start</c> (by default after a 5-minute learning period).
/// </summary>
public static class BeatMatcher
{
    /// <summary>EC57 §4 / bxb: the default match window.</summary>
    public static readonly TimeSpan DefaultMatchWindow = TimeSpan.FromMilliseconds(150);

    /// <summary>EC57 / bxb: the default learning period that is not scored.</summary>
    public static readonly TimeSpan DefaultLearningPeriod = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Compares <paramref name="detections"/> (sample numbers, ascending) with the beat annotations of
    /// <paramref name="reference"/>, scoring from sample <paramref name="startSample"/> on.
    /// </summary>
    public static BeatMatchResult Compare(IReadOnlyList<Annotation> reference, IReadOnlyList<long> detections, double samplingFrequencyHz, long startSample, TimeSpan? matchWindow = null)
    {
        ArgumentNullException.ThrowIfNull(reference);
        ArgumentNullException.ThrowIfNull(detections);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(samplingFrequencyHz);
        var window = (long)Math.Round((matchWindow ?? DefaultMatchWindow).TotalSeconds * samplingFrequencyHz);

        var refBeats = new List<long>();
        var vf = new List<(long On, long Off)>();
        long? vfOn = null;
        foreach (var a in reference)
        {
            if (a.Code == AnnotationCodes.VfOn)
            {
                vfOn ??= a.Sample;
            }
            else if (a.Code == AnnotationCodes.VfOff && vfOn is { } on)
            {
                vf.Add((on, a.Sample));
                vfOn = null;
            }
            else if (vfOn is null && a.IsBeat)
            {
                refBeats.Add(a.Sample);
            }
        }
        if (vfOn is { } open)
        {
            vf.Add((open, long.MaxValue));
        }
        var test = new List<long>(detections.Count);
        var v = 0;
        foreach (var t in detections)
        {
            while (v < vf.Count && vf[v].Off < t)
            {
                v++;
            }
            if (v < vf.Count && vf[v].On <= t)
            {
                continue; // bxb: detections during reference-marked VF are not counted
            }
            test.Add(t);
        }

        var r = refBeats.FindIndex(x => x >= startSample);
        r = r < 0 ? refBeats.Count : r;
        var d = test.FindIndex(x => x >= startSample - window);
        d = d < 0 ? test.Count : d;
        // A detection just before the start counts only if it matches the first scored reference beat.
        if (d < test.Count && test[d] < startSample && (r >= refBeats.Count || Math.Abs(refBeats[r] - test[d]) > window))
        {
            d++;
        }

        int tp = 0;
        var missed = new List<long>();
        var extra = new List<long>();
        while (r < refBeats.Count || d < test.Count)
        {
            var T = r < refBeats.Count ? refBeats[r] : long.MaxValue;
            var t = d < test.Count ? test[d] : long.MaxValue;
            var tNext = d + 1 < test.Count ? test[d + 1] : long.MaxValue;
            var TNext = r + 1 < refBeats.Count ? refBeats[r + 1] : long.MaxValue;
            if (t < T)
            {
                // bxb case 1: pair if within the window and a better match than the next detection.
                if (T - t <= window && (T - t < Distance(T, tNext) || Distance(TNext, tNext) < Distance(T, tNext)))
                {
                    tp++;
                    r++;
                    d++;
                }
                else
                {
                    extra.Add(t);
                    d++;
                }
            }
            else
            {
                // bxb case 3: pair if within the window and a better match than the next reference beat.
                if (t - T <= window && (t - T < Distance(t, TNext) || Distance(tNext, TNext) < Distance(t, TNext)))
                {
                    tp++;
                    r++;
                    d++;
                }
                else
                {
                    missed.Add(T);
                    r++;
                }
            }
        }
        return new BeatMatchResult(tp, missed.Count, extra.Count, missed, extra);
    }

    private static long Distance(long a, long b) => a == long.MaxValue || b == long.MaxValue ? long.MaxValue : Math.Abs(a - b);
}
