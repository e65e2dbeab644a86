using Care.Metabolic.Safety;

namespace Care.Metabolic.Control;

/// <summary>A controller's wish for the next control period, before the safety governor.</summary>
/// <param name="BasalUnitsPerHour">Basal (temporary basal) rate in U/h for the period.</param>
/// <param name="BolusUnits">Bolus to deliver now, in U.</param>
/// <param name="Why">Why, in a few words (kept in the dose record, formatted only when read).</param>
public readonly record struct InsulinRequest(double BasalUnitsPerHour, double BolusUnits, DeferredText Why)
{
    /// <summary>Why, formatted.</summary>
    public string Rationale => Why.ToString();
}
