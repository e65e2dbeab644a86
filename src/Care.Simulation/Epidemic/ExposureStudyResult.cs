using Care.Epidemic.Matching;

namespace Care.Simulation.Epidemic;

/// <summary>
/// One seed of <see cref="ExposureStudy"/>. Precision and recall are per person, over the run without
/// isolation on notification: a person is a true contact when some wearer who later published keys spent
/// ≥ 15 minutes within 2 m of them (true distance) on days that wearer was infectious, within the 14 days
/// the keys cover; notified when the patch's score from matched keys reached the threshold.
/// </summary>
/// <param name="Precision">Notified true contacts / notified.</param>
/// <param name="Recall">Notified true contacts / true contacts.</param>
/// <param name="MedianHoursToNotify">Median hours from a diagnosis to the notifications its keys caused (run with tracing).</param>
/// <param name="AttackRateWithTracing">Share of agents ever infected when notified wearers quarantine and get tested.</param>
/// <param name="AttackRateWithoutTracing">Share ever infected when only diagnosed wearers isolate.</param>
/// <param name="InfectionRecall">Of agents infected by a wearer who published keys, the share notified (run without isolation).</param>
/// <param name="Curve">Precision and recall as the threshold varies (same bucket weights).</param>
/// <param name="Diagnosed">Diagnoses in the run without tracing.</param>
/// <param name="Published">Wearers who published keys in the run without tracing.</param>
/// <param name="TrueContacts">True contacts (run without tracing).</param>
/// <param name="Notified">Notified persons (run without tracing).</param>
/// <param name="Weights">The risk weights used.</param>
public sealed record ExposureStudyResult(
    double Precision,
    double Recall,
    double MedianHoursToNotify,
    double AttackRateWithTracing,
    double AttackRateWithoutTracing,
    double InfectionRecall,
    IReadOnlyList<ExposureCurvePoint> Curve,
    int Diagnosed,
    int Published,
    int TrueContacts,
    int Notified,
    RiskWeights Weights);
