using BenchmarkDotNet.Attributes;
using Care.Metabolic.Delivery;
using Care.Metabolic.Evaluation;
using Care.Metabolic.Patients;
using Care.Metabolic.Safety;
using Care.Metabolic.Scenarios;
using Care.Metabolic.Sensing;
using Care.Metabolic.Simulation;

namespace Care.Benchmarks.Metabolic;

/// <summary>
/// Simulated patient-days per second on one core: one closed-loop day (1,440 one-minute RK4
/// steps at the accuracy of the reference test, CGM noise, scenario, governor) for adolescent#001
/// with each controller, and the bare patient model for one day. patient-days/s = 1 / mean time.
/// Minutes in which carbohydrate is eaten always take at least 4 RK4 sub-steps.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 3, iterationCount: 10)]
public class T1dSimulatorBenchmarks
{
    private VirtualPatient _patient = null!;
    private CgmSensorParameters _sensor = null!;
    private PumpParameters _pump = null!;
    private Scenario _scenario = null!;
    private UvaPadovaPatient _body = null!;

    [Params("basal-bolus", "care", "pid")]
    public string Controller { get; set; } = "basal-bolus";

    // RK4 sub-steps per minute outside eating minutes: 1 (default) or 2; the reference trace is
    // reproduced within 6.3e-5 and 6.2e-5 mg/dL respectively.
    [Params(1, 2)]
    public int StepsPerMinute { get; set; } = 1;

    [GlobalSetup]
    public void Setup()
    {
        var folder = T1dDataFolder.Locate(AppContext.BaseDirectory) ?? T1dDataFolder.Locate()
            ?? throw new InvalidOperationException("shared/data/t1d not found");
        var cohort = VirtualCohort.Load(folder);
        _patient = cohort["adolescent#001"];
        _sensor = CgmSensorParameters.Load(folder, "Dexcom");
        _pump = PumpParameters.Load(folder, "Insulet");
        _scenario = new Scenario(ScenarioKind.Standard, 1, 1);
        _body = new UvaPadovaPatient(_patient.Physiology, StepsPerMinute);
    }

    [Benchmark(Description = "closed-loop patient-day")]
    public double ClosedLoopDay() =>
        ClosedLoopRun.Run(_patient, ControllerChoice.Create(Controller, _patient), SafetyLimits.FromQuest(_patient.Quest),
            _scenario, _sensor, _pump, 1, StepsPerMinute).Metrics.MeanGlucose;

    [Benchmark(Description = "patient model only, one day")]
    public double ModelDay()
    {
        _body.Reset();
        var basal = _patient.Physiology.SteadyStateBasalUnitsPerMinute;
        _body.AnnounceMeal(60);
        for (var minute = 0; minute < 1440; minute++)
        {
            _body.Step(basal);
        }
        return _body.GlucoseMgPerDl;
    }
}
