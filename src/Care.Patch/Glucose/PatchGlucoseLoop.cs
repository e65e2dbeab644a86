using Care.Core.Doses;
using Care.Core.Observations;
using Care.Metabolic.Cartridge;
using Care.Metabolic.Control;
using Care.Metabolic.Patients;
using Care.Metabolic.Safety;
using Care.Patch.Runtime;

namespace Care.Patch.Glucose;

/// <summary>
/// The insulin loop of a diabetic wearer's patch. Every <see cref="Period"/> the runtime hands it the
/// latest CGM reading: the reading goes to the patch's outbox as LOINC 99504-3; the
/// <see cref="DosingLoop"/> (Care's controller behind the independent <see cref="SafetyGovernor"/>,
/// both set from the wearer's <see cref="QuestParameters"/>) decides the dose; the dose's units are
/// delivered from the <see cref="InsulinCartridge"/>; the <see cref="DoseRecord"/> goes to the outbox's
/// doses, so it rides in the same sealed bundle as the readings and is released with them on
/// acknowledgement. A new patch starts a new loop restored from the old patch's transferred state
/// (<see cref="Snapshot"/>, <see cref="Restore"/>; the blob is <c>Care.Patch.State</c>'s), so the
/// insulin-on-board memory and what was learned survive the swap; the patch is passed to each step.
/// Time comes from the injected <see cref="TimeProvider"/>: a step's reading is taken "now".
/// Not thread safe.
/// </summary>
public sealed class PatchGlucoseLoop
{
    /// <summary>The CGM sample and control period: 5 minutes.</summary>
    public static readonly TimeSpan Period = TimeSpan.FromMinutes(5);

    /// <summary>Insulin in a new cartridge (U): 300 U, a common 3 mL U-100 reservoir.</summary>
    public const double CartridgeFillUnits = 300;

    /// <summary>Low-reservoir alert threshold (U).</summary>
    public const double LowReservoirUnits = 20;

    private readonly DosingLoop _loop;
    private readonly TimeProvider _time;
    private readonly int[] _alertCounts = new int[Enum.GetValues<CartridgeAlertKind>().Length];
    private int _alertsSeen;
    private DateTimeOffset? _lastGoodReading;

    /// <summary>Creates the loop for a wearer.</summary>
    /// <param name="quest">What the clinic knows about the wearer (CR, CF, TDI); the only personal input.</param>
    /// <param name="time">The patch's clock.</param>
    /// <exception cref="ArgumentNullException"><paramref name="time"/> is null.</exception>
    public PatchGlucoseLoop(QuestParameters quest, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        _time = time;
        _loop = new DosingLoop(new CareController(CareControllerSettings.FromQuest(quest)), new SafetyGovernor(Limits(quest)), time, Period);
        Cartridge = new InsulinCartridge(CartridgeFillUnits, LowReservoirUnits, time);
    }

    /// <summary>The cartridge in use.</summary>
    public InsulinCartridge Cartridge { get; private set; }

    /// <summary>CGM readings accepted into outboxes.</summary>
    public long Readings { get; private set; }

    /// <summary>Doses decided and recorded.</summary>
    public long Doses { get; private set; }

    /// <summary>Insulin that left the cartridges (U).</summary>
    public double DeliveredUnits { get; private set; }

    /// <summary>Cartridge alerts raised so far, all cartridges, by kind (they become events later).</summary>
    public int AlertCount(CartridgeAlertKind kind)
    {
        CountAlerts();
        return _alertCounts[(int)kind];
    }

    /// <summary>A new patch brings a full cartridge.</summary>
    public void ReplaceCartridge()
    {
        CountAlerts();
        Cartridge = new InsulinCartridge(CartridgeFillUnits, LowReservoirUnits, _time);
        _alertsSeen = 0;
    }

    /// <summary>What the loop has learned and remembers, to move to the next patch.</summary>
    /// <exception cref="InvalidOperationException">The loop's controller is not Care's (only it has a snapshot).</exception>
    public PatchGlucoseLoopState Snapshot() =>
        new(Controller.Snapshot(), _loop.Governor.Snapshot(), _lastGoodReading);

    /// <summary>
    /// Continues from <paramref name="state"/> (taken from the wearer's previous patch, whose loop had
    /// the same questionnaire): this loop then decides exactly as that one would have. The counters
    /// (<see cref="Readings"/>, <see cref="Doses"/>, <see cref="DeliveredUnits"/>) are this patch's own.
    /// </summary>
    /// <exception cref="ArgumentException">The state is inconsistent (see <see cref="CareController.Restore"/>); the loop is left as it was.</exception>
    public void Restore(PatchGlucoseLoopState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        var before = Snapshot();
        try
        {
            Controller.Restore(state.Controller);
            _loop.Governor.Restore(state.Governor);
        }
        catch (ArgumentException)
        {
            // All or nothing: a refused state leaves the loop as it was.
            Controller.Restore(before.Controller);
            _loop.Governor.Restore(before.Governor);
            throw;
        }
        _lastGoodReading = state.LastGoodReading;
    }

    private CareController Controller => _loop.Controller as CareController
        ?? throw new InvalidOperationException($"the loop's controller '{_loop.Controller.Name}' keeps no snapshot");

    /// <summary>One control period, starting now.</summary>
    /// <param name="patch">The patch on the wearer now; receives the reading and the dose.</param>
    /// <param name="cgmMgPerDl">The CGM reading taken now (mg/dL); NaN when the sensor gave none.</param>
    /// <param name="announcedCarbsGrams">Carbohydrate the wearer announced since the last step (g, ≥ 0).</param>
    /// <returns>The dose decided; <see cref="DeliveryLogEntry.DeliveredUnits"/> of the cartridge's last entry is what left it.</returns>
    /// <exception cref="ArgumentException">The clock went backwards (the outbox refuses an earlier dose).</exception>
    public DoseRecord Step(WearablePatch patch, double cgmMgPerDl, double announcedCarbsGrams)
    {
        ArgumentNullException.ThrowIfNull(patch);
        if (!(announcedCarbsGrams >= 0) || !double.IsFinite(announcedCarbsGrams))
        {
            throw new ArgumentOutOfRangeException(nameof(announcedCarbsGrams), announcedCarbsGrams, "must be finite and >= 0");
        }
        var now = _time.GetUtcNow();
        if (!double.IsNaN(cgmMgPerDl) && patch.Record(VitalSign.InterstitialGlucose, now, cgmMgPerDl))
        {
            Readings++;
            _lastGoodReading = now;
        }
        // A missing reading is still a step: the governor sees how stale the last one is and falls back.
        var dose = _loop.Step(cgmMgPerDl, _lastGoodReading ?? now, announcedCarbsGrams);
        var entry = Cartridge.Deliver(dose.TotalUnits, dose.TotalUnits);
        DeliveredUnits += entry.DeliveredUnits;
        patch.RecordDose(ToDelivery(dose));
        Doses++;
        return dose;
    }

    /// <summary>
    /// The governor's limits from the questionnaire, never above what a bundle may carry (25 U bolus,
    /// 35 U/h basal): a wearer with a very large daily dose is governed to the format's limits rather
    /// than producing a record Hermes would refuse.
    /// </summary>
    internal static SafetyLimits Limits(QuestParameters quest)
    {
        var limits = SafetyLimits.FromQuest(quest);
        return limits with
        {
            MaxBolusUnits = Math.Min(limits.MaxBolusUnits, DoseDelivery.MaxBolusUnits),
            MaxBasalUnitsPerHour = Math.Min(limits.MaxBasalUnitsPerHour, DoseDelivery.MaxBasalUnitsPerHour),
        };
    }

    /// <summary>Maps the loop's record to the bundle format's (Care.Core does not know Care.Metabolic).</summary>
    internal static DoseDelivery ToDelivery(DoseRecord dose) => new(
        dose.Time, dose.BasalUnitsPerHour, dose.Duration, dose.BolusUnits,
        dose.Reason switch
        {
            DoseReason.ControllerDecision => DoseDeliveryReason.ControllerDecision,
            DoseReason.GovernorClamp => DoseDeliveryReason.GovernorClamp,
            DoseReason.Suspend => DoseDeliveryReason.Suspend,
            DoseReason.SensorFallback => DoseDeliveryReason.SensorFallback,
            _ => throw new ArgumentOutOfRangeException(nameof(dose), dose.Reason, "unknown dose reason"),
        });

    private void CountAlerts()
    {
        var alerts = Cartridge.Alerts;
        for (; _alertsSeen < alerts.Count; _alertsSeen++)
        {
            _alertCounts[(int)alerts[_alertsSeen].Kind]++;
        }
    }
}
