namespace Care.Metabolic.Evaluation;

/// <summary>The evaluation of one controller on one scenario over a set of patients.</summary>
/// <param name="Controller">Controller name.</param>
/// <param name="Scenario">Scenario name.</param>
/// <param name="Days">Simulated days per patient.</param>
/// <param name="Seed">Scenario seed.</param>
/// <param name="Patients">Per-patient outcomes, in cohort file order.</param>
/// <param name="Cohort">Field-by-field mean over the patients.</param>
public sealed record CohortReport(
    string Controller, string Scenario, int Days, int Seed, IReadOnlyList<PatientOutcome> Patients, GlucoseMetrics Cohort);
