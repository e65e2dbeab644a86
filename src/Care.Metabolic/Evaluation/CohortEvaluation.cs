using Care.Core.Errors;
using Care.Metabolic.Delivery;
using Care.Metabolic.Patients;
using Care.Metabolic.Safety;
using Care.Metabolic.Scenarios;
using Care.Metabolic.Sensing;

namespace Care.Metabolic.Evaluation;

/// <summary>
/// Runs a controller on a scenario for every patient of a cohort selection, in parallel over
/// patients (each patient's run is independent and deterministic, so results do not depend on the
/// number of threads). The sensor is Dexcom (3-min), the pump Insulet, as in MODEL.md section 10.
/// </summary>
public static class CohortEvaluation
{
    /// <summary>Evaluates and returns the report; <paramref name="progress"/> is called (from worker threads) after each patient.</summary>
    /// <param name="cohort">The virtual cohort.</param>
    /// <param name="controller">Controller name (<see cref="ControllerChoice.Names"/>).</param>
    /// <param name="scenario">Scenario name (<see cref="Scenario.Names"/>).</param>
    /// <param name="days">Days per patient (1..365).</param>
    /// <param name="seed">Scenario seed; sensor noise seeds derive from it and the patient's position.</param>
    /// <param name="selection"><c>all</c>, <c>adults</c>, <c>adolescents</c> or <c>children</c>.</param>
    /// <param name="progress">Called once per finished patient; may be null.</param>
    /// <param name="cancel">Stops between patients.</param>
    /// <param name="trace">Called with every control period of every patient (from worker threads, one patient per thread at a time); may be null.</param>
    public static CohortReport Run(
        VirtualCohort cohort, string controller, string scenario, int days, int seed, string selection,
        Action<PatientOutcome>? progress = null, CancellationToken cancel = default, Action<string, ClosedLoopStep>? trace = null)
    {
        ArgumentNullException.ThrowIfNull(cohort);
        if (days is < 1 or > 365)
        {
            throw new InvalidInputException("--days", $"{days} is not in 1..365");
        }
        var kind = Scenario.Parse(scenario);
        _ = ControllerChoice.Create(controller, cohort.Patients[0]);
        var patients = cohort.Select(selection);
        var sensor = CgmSensorParameters.Load(cohort.Folder, "Dexcom");
        var pump = PumpParameters.Load(cohort.Folder, "Insulet");
        var plan = new Scenario(kind, seed, days);
        var outcomes = new PatientOutcome[patients.Count];
        var options = new ParallelOptions { CancellationToken = cancel, MaxDegreeOfParallelism = Environment.ProcessorCount };
        Parallel.For(0, patients.Count, options, i =>
        {
            var patient = patients[i];
            var index = cohort.Patients.ToList().IndexOf(patient);
            var outcome = ClosedLoopRun.Run(
                patient, ControllerChoice.Create(controller, patient), SafetyLimits.FromQuest(patient.Quest),
                plan, sensor, pump, unchecked(seed * 1000 + index),
                trace: trace is null ? null : step => trace(patient.Name, step));
            outcomes[i] = outcome;
            progress?.Invoke(outcome);
        });
        return new CohortReport(controller, scenario, days, seed, outcomes, GlucoseMetrics.Average([.. outcomes.Select(o => o.Metrics)]));
    }
}
