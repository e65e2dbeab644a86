namespace Care.Epidemic.Surveillance;

/// <summary>How one detector did on a set of simulated series with injected outbreaks (test weeks only).</summary>
/// <param name="Algorithm">Detector name.</param>
/// <param name="FalsePositiveRate">Alarmed weeks / weeks without test-outbreak cases (pooled).</param>
/// <param name="Sensitivity">Alarmed outbreak weeks / outbreak weeks (pooled).</param>
/// <param name="ProbabilityOfDetection">Outbreaks with at least one alarm during their weeks / outbreaks (Noufaily's POD).</param>
/// <param name="Timeliness">Mean over outbreaks of (weeks before the first alarm) / (outbreak weeks); 1 when missed; 0 is best.</param>
/// <param name="Outbreaks">Outbreaks that received at least one case.</param>
public sealed record DetectionOutcome(string Algorithm, double FalsePositiveRate, double Sensitivity, double ProbabilityOfDetection, double Timeliness, int Outbreaks);
