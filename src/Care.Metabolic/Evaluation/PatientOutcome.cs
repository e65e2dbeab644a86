using Care.Metabolic.Safety;

namespace Care.Metabolic.Evaluation;

/// <summary>The result of one patient's closed-loop run.</summary>
/// <param name="Id">Patient name, e.g. <c>adult#001</c>.</param>
/// <param name="Metrics">Outcome metrics on the simulator's true glucose.</param>
/// <param name="DoseReasons">How many dose records had each <see cref="DoseReason"/>.</param>
public sealed record PatientOutcome(string Id, GlucoseMetrics Metrics, IReadOnlyDictionary<DoseReason, int> DoseReasons);
