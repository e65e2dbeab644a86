using Care.Epidemic.Exports;
using Care.Epidemic.Matching;
using Care.Epidemic.Proximity;

namespace Care.Patch.Encounters;

/// <summary>
/// The patch's part in proximity tracing: it broadcasts rolling identifiers from its daily keys,
/// records what it hears (<see cref="EncounterStore"/>: bounded, 14 days), hands out its keys only
/// with the wearer's consent, and matches published keys itself. Encounters never leave it: no
/// member returns one. Not thread-safe (the patch runtime is single-threaded).
/// </summary>
public sealed class PatchProximity
{
    private readonly ProximityKeyring _keys;

    /// <summary>A patch's proximity state on <paramref name="time"/>, keeping at most <paramref name="capacity"/> encounters.</summary>
    public PatchProximity(TimeProvider time, int capacity = 50_000)
    {
        _keys = new ProximityKeyring(time);
        Encounters = new EncounterStore(time, capacity);
    }

    /// <summary>What the patch heard (matching only; nothing reads encounters out).</summary>
    public EncounterStore Encounters { get; }

    /// <summary>The rolling identifier to broadcast in the current interval.</summary>
    public Block128 Broadcast() => _keys.CurrentIdentifier();

    /// <summary>Records an identifier heard now (see <see cref="EncounterStore.Record"/> for what is refused).</summary>
    public void Hear(Encounter encounter) => Encounters.Record(encounter);

    /// <summary>
    /// The keys of the last 14 days for upload with a verification code, only when the wearer consented
    /// at the kiosk; without consent, throws <see cref="InvalidOperationException"/> and nothing leaves.
    /// </summary>
    public IReadOnlyList<DiagnosisKey> KeysForUpload(bool wearerConsents, int transmissionRiskLevel = 4)
    {
        if (!wearerConsents)
        {
            throw new InvalidOperationException("the wearer did not consent: the patch's keys stay on it");
        }
        return _keys.KeysForUpload(transmissionRiskLevel, daysSinceOnsetToday: null);
    }

    /// <summary>Matches published keys against what the patch heard and scores the exposure (on the patch).</summary>
    public ExposureAssessment Assess(ReadOnlySpan<DiagnosisKey> keys, RiskWeights weights) => Encounters.Assess(keys, weights);
}
