using Care.Metabolic.Cartridge;
using Care.Metabolic.Patients;
using Care.Metabolic.Scenarios;
using Care.Metabolic.Sensing;
using Care.Metabolic.Simulation;
using Care.Patch.Glucose;
using Care.Patch.Runtime;

namespace Care.Simulation.Glucose;

/// <summary>
/// The glucose side of a diabetic demo wearer: a UVA/Padova virtual patient from the cohort eats the
/// <see cref="Scenario"/>'s meals (standard days), a CGM (GuardianRT, 5-minute samples) reads it, and
/// the patch's <see cref="PatchGlucoseLoop"/> doses it. Insulin reaches the body exactly as the dose
/// records say (basal over the period, bolus spread over the period's minutes, as the reference
/// environment does). Time in range is counted on the simulator's true glucose, every minute.
/// Not thread safe: one per wearer.
/// </summary>
internal sealed class DiabeticBody
{
    private const double RangeLowMgPerDl = 70;
    private const double RangeHighMgPerDl = 180;

    private readonly UvaPadovaPatient _body;
    private readonly CgmSensor _sensor;
    private readonly Scenario _meals;
    private readonly DateTimeOffset _midnight;
    private readonly int _periodMinutes = (int)PatchGlucoseLoop.Period.TotalMinutes;
    private readonly TimeProvider _clock;
    private double _insulinUnitsPerMinute;
    private long _earlierReadings;
    private long _earlierDoses;
    private double _earlierDeliveredUnits;
    private int _earlierAlerts;

    /// <param name="patient">The virtual patient (physiology for the simulator, Quest for the patch).</param>
    /// <param name="sensor">The CGM model; its sample period must be the loop's.</param>
    /// <param name="start">First simulated minute; meals follow the clock of its UTC day.</param>
    /// <param name="days">Simulated days.</param>
    /// <param name="seed">Seed of the meals and the sensor noise.</param>
    /// <param name="clock">The patch's clock, which the world sets.</param>
    public DiabeticBody(VirtualPatient patient, CgmSensorParameters sensor, DateTimeOffset start, int days, int seed, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(patient);
        ArgumentNullException.ThrowIfNull(sensor);
        if (sensor.SampleMinutes != _periodMinutes)
        {
            throw new ArgumentException($"the CGM samples every {sensor.SampleMinutes} min; the patch loop runs every {_periodMinutes} min", nameof(sensor));
        }
        Patient = patient;
        _body = new UvaPadovaPatient(patient.Physiology);
        _sensor = new CgmSensor(sensor, new SeededNormalSource(seed ^ 0x6C0C05E));
        _midnight = new DateTimeOffset(start.UtcDateTime.Date, TimeSpan.Zero);
        // One more day than simulated: a start after midnight runs into the next calendar day.
        _meals = new Scenario(ScenarioKind.Standard, seed, days + 1);
        _clock = clock;
        Loop = new PatchGlucoseLoop(patient.Quest, clock);
        // The sensor's history needs one reading before the first one the loop sees (MODEL.md section 8).
        _sensor.Read(_body.GlucoseMgPerDl);
    }

    /// <summary>The virtual patient.</summary>
    public VirtualPatient Patient { get; }

    /// <summary>The insulin loop of the patch on the body now (a new patch brings a new loop, see <see cref="StartNewPatch"/>).</summary>
    public PatchGlucoseLoop Loop { get; private set; }

    /// <summary>CGM readings accepted, all patches.</summary>
    public long Readings => _earlierReadings + Loop.Readings;

    /// <summary>Doses decided, all patches.</summary>
    public long Doses => _earlierDoses + Loop.Doses;

    /// <summary>Insulin that left the cartridges (U), all patches.</summary>
    public double DeliveredUnits => _earlierDeliveredUnits + Loop.DeliveredUnits;

    /// <summary>Cartridge alerts raised, all patches and kinds.</summary>
    public int CartridgeAlerts => _earlierAlerts + Enum.GetValues<CartridgeAlertKind>().Sum(Loop.AlertCount);

    /// <summary>Insulin that reached the body (U): the dose records' units, summed minute by minute.</summary>
    public double InsulinToBodyUnits { get; private set; }

    /// <summary>Sum of the true glucose over the minutes simulated (mg/dL·min); over <see cref="Minutes"/> it is the mean.</summary>
    public double GlucoseSumMgPerDl { get; private set; }

    /// <summary>Minutes with true glucose below 70 mg/dL.</summary>
    public long MinutesBelowRange { get; private set; }

    /// <summary>The lowest true glucose so far (mg/dL).</summary>
    public double LowestMgPerDl { get; private set; } = double.PositiveInfinity;

    /// <summary>
    /// A new patch went on: its loop is a new device, restored from <paramref name="state"/> (the
    /// old patch's learned state after transfer) or, when null, a stranger to the wearer.
    /// </summary>
    public void StartNewPatch(PatchGlucoseLoopState? state)
    {
        _earlierReadings += Loop.Readings;
        _earlierDoses += Loop.Doses;
        _earlierDeliveredUnits += Loop.DeliveredUnits;
        _earlierAlerts += Enum.GetValues<CartridgeAlertKind>().Sum(Loop.AlertCount);
        Loop = new PatchGlucoseLoop(Patient.Quest, _clock);
        if (state is not null)
        {
            Loop.Restore(state);
        }
    }

    /// <summary>Minutes simulated.</summary>
    public long Minutes { get; private set; }

    /// <summary>Minutes with true glucose in 70–180 mg/dL.</summary>
    public long MinutesInRange { get; private set; }

    /// <summary>
    /// Lives one minute at <paramref name="time"/> (whole minutes, increasing): on a period boundary the
    /// CGM reads and the patch's loop decides the next period's insulin, then the body eats and absorbs.
    /// The clock must already show <paramref name="time"/>.
    /// </summary>
    public void Minute(DateTimeOffset time, WearablePatch patch)
    {
        long minute = (long)(time - _midnight).TotalMinutes;
        if (minute % _periodMinutes == 0)
        {
            double announced = 0;
            for (int i = 0; i < _periodMinutes; i++)
            {
                // The wearer announces at meal time; the patch acts at the start of the period that contains it.
                announced += _meals.At(minute + i).AnnouncedGrams;
            }
            var dose = Loop.Step(patch, _sensor.Read(_body.GlucoseMgPerDl), announced);
            _insulinUnitsPerMinute = dose.BasalUnitsPerHour / 60.0 + dose.BolusUnits / _periodMinutes;
        }
        var events = _meals.At(minute);
        if (events.MealGrams > 0)
        {
            _body.AnnounceMeal(events.MealGrams);
        }
        _body.Step(_insulinUnitsPerMinute);
        InsulinToBodyUnits += _insulinUnitsPerMinute;
        Minutes++;
        var glucose = _body.GlucoseMgPerDl;
        if (glucose is >= RangeLowMgPerDl and <= RangeHighMgPerDl)
        {
            MinutesInRange++;
        }
        else if (glucose < RangeLowMgPerDl)
        {
            MinutesBelowRange++;
        }
        LowestMgPerDl = Math.Min(LowestMgPerDl, glucose);
        GlucoseSumMgPerDl += glucose;
    }
}
