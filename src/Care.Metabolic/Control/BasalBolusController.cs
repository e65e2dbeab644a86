using Care.Metabolic.Patients;
using Care.Metabolic.Safety;

namespace Care.Metabolic.Control;

/// <summary>
/// The reference simulator's open-loop therapy (MODEL.md section 8): constant steady-state basal,
/// and for a meal seen in the last period a bolus of grams/CR plus a correction (CGM - 140)/CF when
/// the period-mean CGM is above 150 mg/dL. It reads the simulator's meal report and the patient's
/// steady-state basal, which a real device would not know: it is the baseline, not a product.
/// </summary>
public sealed class BasalBolusController : IInsulinController
{
    private readonly double _basalUnitsPerHour;
    private readonly QuestParameters _quest;

    /// <summary>Creates the therapy for <paramref name="patient"/>.</summary>
    public BasalBolusController(VirtualPatient patient)
    {
        ArgumentNullException.ThrowIfNull(patient);
        _basalUnitsPerHour = patient.Physiology.SteadyStateBasalUnitsPerMinute * 60.0;
        _quest = patient.Quest;
    }

    /// <inheritdoc/>
    public string Name => "basal-bolus";

    /// <inheritdoc/>
    public InsulinRequest Decide(in ControllerInput input)
    {
        if (input.SimulatorMealGrams <= 0)
        {
            return new InsulinRequest(_basalUnitsPerHour, 0, "scheduled basal");
        }
        var cgm = double.IsNaN(input.SimulatorMeanCgmMgPerDl) ? input.CgmMgPerDl : input.SimulatorMeanCgmMgPerDl;
        var correction = cgm > 150 ? (cgm - 140) / _quest.CorrectionFactorMgPerDlPerUnit : 0;
        var bolus = input.SimulatorMealGrams / _quest.CarbRatioGramsPerUnit + correction;
        return new InsulinRequest(_basalUnitsPerHour, bolus, new DeferredText("meal bolus for {1:F0} g", null, input.SimulatorMealGrams));
    }

    /// <inheritdoc/>
    public void Delivered(DoseRecord dose)
    {
    }
}
