using System.Buffers;
using Care.Metabolic.Control;
using Care.Metabolic.Delivery;
using Care.Metabolic.Patients;
using Care.Metabolic.Safety;
using Care.Metabolic.Scenarios;
using Care.Metabolic.Sensing;
using Care.Metabolic.Simulation;

namespace Care.Metabolic.Evaluation;

/// <summary>
/// Runs one virtual patient in closed loop for a scenario, as MODEL.md section 8 describes the
/// environment: the control period is the sensor period; each period the dosing loop (controller →
/// governor) decides, the pump discretises (a bolus is spread over the period), and the patient,
/// scenario and sensor advance minute by minute. Metrics use the true glucose (BG) of every minute.
/// </summary>
public static class ClosedLoopRun
{
    /// <summary>Start of every simulation (midnight, so minute-of-day is the scenario's clock).</summary>
    public static readonly DateTimeOffset Start = new(2026, 1, 5, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Simulates <paramref name="scenario"/>.Days days and returns the outcome.</summary>
    /// <param name="patient">The virtual patient.</param>
    /// <param name="controller">A fresh controller for this patient.</param>
    /// <param name="limits">The governor's limits.</param>
    /// <param name="scenario">Meals and stress events.</param>
    /// <param name="sensorParameters">The CGM model (its period is the control period).</param>
    /// <param name="pump">The pump model.</param>
    /// <param name="noiseSeed">Seed of this patient's sensor noise.</param>
    /// <param name="stepsPerMinute">RK4 sub-steps per minute of the patient model.</param>
    /// <param name="trace">Called once per control period after the period is simulated; may be null.</param>
    public static PatientOutcome Run(
        VirtualPatient patient, IInsulinController controller, SafetyLimits limits, Scenario scenario,
        CgmSensorParameters sensorParameters, PumpParameters pump, int noiseSeed,
        int stepsPerMinute = UvaPadovaPatient.DefaultStepsPerMinute, Action<ClosedLoopStep>? trace = null)
    {
        ArgumentNullException.ThrowIfNull(patient);
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(sensorParameters);
        ArgumentNullException.ThrowIfNull(pump);
        var body = new UvaPadovaPatient(patient.Physiology, stepsPerMinute);
        var sensor = new CgmSensor(sensorParameters, new SeededNormalSource(noiseSeed));
        var ts = sensorParameters.SampleMinutes;
        var clock = new SimulationClock(Start);
        var loop = new DosingLoop(controller, new SafetyGovernor(limits), clock, TimeSpan.FromMinutes(ts));
        var metrics = new GlucoseMetricsAccumulator();
        var reasonCounts = new int[Enum.GetValues<DoseReason>().Length];
        // The scenario one day at a time, filled once per day: no per-minute searches.
        var today = ArrayPool<ScenarioMinute>.Shared.Rent(1440);
        var loadedDay = -1L;
        ScenarioMinute EventsAt(long minute)
        {
            var day = minute / 1440;
            if (day != loadedDay)
            {
                scenario.FillDay((int)Math.Min(day, int.MaxValue), today);
                loadedDay = day;
            }
            return today[minute - day * 1440];
        }

        // MODEL.md section 8: at reset one reading for the history, a second one is the first observation.
        sensor.Read(body.GlucoseMgPerDl);
        var reading = sensor.Read(body.GlucoseMgPerDl);
        var cgm = reading;
        var cgmTime = Start;
        var meanCgm = reading;
        var previousMealGrams = 0.0;
        var totalMinutes = (long)scenario.Days * 1440;
        for (long t = 0; t < totalMinutes; t += ts)
        {
            var announced = 0.0;
            for (var i = 0; i < ts; i++)
            {
                // The wearer announces at meal time; the patch decides at the start of the period that contains it.
                announced += EventsAt(t + i).AnnouncedGrams;
            }
            var now = clock.GetUtcNow();
            var input = new ControllerInput(now, cgm, cgmTime, announced, loop.Period)
            {
                SimulatorMealGrams = previousMealGrams,
                SimulatorMeanCgmMgPerDl = meanCgm,
            };
            var dose = loop.Step(input);
            reasonCounts[(int)dose.Reason]++;
            var rate = pump.DeliverBasal(dose.BasalUnitsPerHour / 60.0) + pump.DeliverBolus(dose.BolusUnits / ts);

            previousMealGrams = 0;
            var startGlucose = body.GlucoseMgPerDl;
            var cgmSum = 0.0;
            var held = double.IsNaN(reading) ? cgm : reading;
            for (var i = 0; i < ts; i++)
            {
                var minute = t + i;
                var events = EventsAt(minute);
                if (events.MealGrams > 0)
                {
                    body.AnnounceMeal(events.MealGrams);
                    previousMealGrams += events.MealGrams;
                }
                body.InsulinSensitivityMultiplier = events.InsulinSensitivity;
                body.EndogenousProductionMultiplier = events.GlucoseProduction;
                body.Step(rate);
                metrics.Add(body.GlucoseMgPerDl);
                metrics.AddInsulin(rate);
                if ((minute + 1) % ts == 0)
                {
                    var raw = sensor.Read(body.GlucoseMgPerDl);
                    var after = EventsAt(minute + 1);
                    held = raw;
                    reading = after.SensorDropout
                        ? double.NaN
                        : Math.Clamp(raw + after.SensorOffsetMgPerDl, sensorParameters.MinMgPerDl, sensorParameters.MaxMgPerDl);
                    if (!double.IsNaN(reading))
                    {
                        cgm = reading;
                        cgmTime = Start + TimeSpan.FromMinutes(minute + 1);
                    }
                }
                cgmSum += held;
            }
            meanCgm = cgmSum / ts;
            trace?.Invoke(new ClosedLoopStep(t, startGlucose, input.CgmMgPerDl, announced, previousMealGrams, dose));
            clock.Advance(loop.Period);
            if (double.IsNaN(reading))
            {
                // Dropout: the device gets no value; it still knows when the last one was taken.
                cgm = double.NaN;
            }
        }
        ArrayPool<ScenarioMinute>.Shared.Return(today);
        var reasons = new Dictionary<DoseReason, int>();
        foreach (var reason in Enum.GetValues<DoseReason>())
        {
            if (reasonCounts[(int)reason] > 0)
            {
                reasons[reason] = reasonCounts[(int)reason];
            }
        }
        return new PatientOutcome(patient.Name, metrics.Result(scenario.Days), reasons);
    }
}
