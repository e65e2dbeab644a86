using Care.Core.Ids;
using Care.Epidemic.Exports;
using Care.Epidemic.Matching;

namespace Care.Kiosk.Exposure;

/// <summary>
/// The kiosk's proximity-tracing link to a patch in its bay. It can ask for the patch's keys (the patch
/// gives them only with the wearer's consent) and hand the patch published keys to match; it can never
/// read the patch's encounters.
/// </summary>
public interface IProximityPort
{
    /// <summary>The patch's temporary exposure keys of the last 14 days; the patch refuses (InvalidOperationException) without <paramref name="wearerConsents"/>.</summary>
    IReadOnlyList<DiagnosisKey> ReadKeysForUpload(PatchId patch, bool wearerConsents);

    /// <summary>Loads published keys onto the patch, which matches them against its encounters and returns only its assessment.</summary>
    ExposureAssessment LoadDiagnosisKeys(PatchId patch, IReadOnlyList<DiagnosisKey> keys, RiskWeights weights);
}
