namespace Care.Metabolic.Safety;

/// <summary>
/// One delivered dose: a basal rate held for a period plus an optional bolus at its start, and why.
/// </summary>
/// <param name="Time">When the period starts (the bolus is given then).</param>
/// <param name="BasalUnitsPerHour">Delivered basal rate (U/h, ≥ 0).</param>
/// <param name="Duration">How long the basal rate is held.</param>
/// <param name="BolusUnits">Delivered bolus (U, ≥ 0).</param>
/// <param name="Reason">Why the dose is what it is.</param>
/// <param name="Detail">The controller's rationale and any governor rule that applied.</param>
public sealed record DoseRecord(
    DateTimeOffset Time, double BasalUnitsPerHour, TimeSpan Duration, double BolusUnits, DoseReason Reason, string Detail)
{
    /// <summary>Total insulin of the record in U: basal × duration + bolus.</summary>
    public double TotalUnits => BasalUnitsPerHour * Duration.TotalHours + BolusUnits;
}
