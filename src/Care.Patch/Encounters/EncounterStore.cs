using Care.Epidemic.Exports;
using Care.Epidemic.Matching;
using Care.Epidemic.Proximity;

namespace Care.Patch.Encounters;

/// <summary>
/// The patch's own record of identifiers it heard: bounded (oldest dropped first when full) and
/// forgetting everything older than 14 days (GAEN retention). It never leaves the patch: there is no
/// export, only <see cref="Assess"/>, which matches published keys here and returns a score.
/// Not thread-safe (the patch runtime is single-threaded).
/// </summary>
public sealed class EncounterStore
{
    /// <summary>Retention in days.</summary>
    public const int RetentionDays = 14;

    private readonly Queue<Encounter> _encounters = new();
    private readonly TimeProvider _time;

    /// <summary>Creates an empty store holding at most <paramref name="capacity"/> encounters (≥ 1).</summary>
    public EncounterStore(TimeProvider time, int capacity = 50_000)
    {
        ArgumentNullException.ThrowIfNull(time);
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _time = time;
        Capacity = capacity;
    }

    /// <summary>Largest number of encounters kept.</summary>
    public int Capacity { get; }

    /// <summary>Encounters held now (after purging expired ones).</summary>
    public int Count
    {
        get
        {
            Purge();
            return _encounters.Count;
        }
    }

    /// <summary>
    /// Records an identifier heard now-ish. Refuses (ArgumentOutOfRangeException) a NaN or negative
    /// attenuation, a duration outside 0–10 minutes and an interval in the future or already expired.
    /// </summary>
    public void Record(Encounter encounter)
    {
        if (!(encounter.AttenuationDb >= 0))
        {
            throw new ArgumentOutOfRangeException(nameof(encounter), encounter.AttenuationDb, "attenuation must be a non-negative number of dB");
        }
        if (!(encounter.DurationMinutes is >= 0 and <= 10))
        {
            throw new ArgumentOutOfRangeException(nameof(encounter), encounter.DurationMinutes, "duration must lie within 0–10 minutes of one interval");
        }
        var now = EnInterval.FromTime(_time.GetUtcNow());
        if (encounter.Interval > now || encounter.Interval <= now - (RetentionDays * EnInterval.TekRollingPeriod))
        {
            throw new ArgumentOutOfRangeException(nameof(encounter), encounter.Interval, $"interval must lie within the last {RetentionDays} days (now {now})");
        }
        Purge();
        while (_encounters.Count >= Capacity)
        {
            _encounters.Dequeue();
        }
        _encounters.Enqueue(encounter);
    }

    /// <summary>Matches <paramref name="keys"/> against the kept encounters and scores the exposure.</summary>
    public ExposureAssessment Assess(ReadOnlySpan<DiagnosisKey> keys, RiskWeights weights)
    {
        ArgumentNullException.ThrowIfNull(weights);
        Purge();
        var matches = new List<ExposureMatch>();
        new ExposureMatcher(new EncounterIndex([.. _encounters])).Match(keys, matches);
        var score = ExposureRisk.Total(matches, weights);
        return new ExposureAssessment(matches.Count, matches.Select(m => m.Key.KeyData).Distinct().Count(), score, score >= weights.ThresholdWeightedMinutes);
    }

    private void Purge()
    {
        var oldest = EnInterval.FromTime(_time.GetUtcNow()) - (RetentionDays * EnInterval.TekRollingPeriod);
        while (_encounters.Count > 0 && _encounters.Peek().Interval <= oldest)
        {
            _encounters.Dequeue();
        }
    }
}
