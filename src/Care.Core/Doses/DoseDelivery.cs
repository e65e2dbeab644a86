namespace Care.Core.Doses;

/// <summary>
/// One insulin delivery recorded by a patch: a basal rate held for <paramref name="Duration"/> from
/// <paramref name="Time"/>, plus a bolus given at <paramref name="Time"/>. The drug is insulin and the
/// unit is U (international units); those are fixed in the wire format. A small immutable value;
/// thread safe. <see cref="IsPlausible"/> states what a bundle may carry.
/// </summary>
/// <param name="Time">Start of the period (UTC); the bolus is given then.</param>
/// <param name="BasalUnitsPerHour">Basal rate delivered over the period (U/h, 0–<see cref="MaxBasalUnitsPerHour"/>).</param>
/// <param name="Duration">How long the basal rate was held (<see cref="MinDuration"/>–<see cref="MaxDuration"/>).</param>
/// <param name="BolusUnits">Bolus delivered at the start (U, 0–<see cref="MaxBolusUnits"/>).</param>
/// <param name="Reason">Why the dose is what it is.</param>
public readonly record struct DoseDelivery(
    DateTimeOffset Time, double BasalUnitsPerHour, TimeSpan Duration, double BolusUnits, DoseDeliveryReason Reason)
{
    /// <summary>The largest bolus a bundle may carry (U): above it the record is a device or typing error.</summary>
    public const double MaxBolusUnits = 25;

    /// <summary>The largest basal rate a bundle may carry (U/h).</summary>
    public const double MaxBasalUnitsPerHour = 35;

    /// <summary>The shortest period (a dosing loop runs at most once a minute).</summary>
    public static readonly TimeSpan MinDuration = TimeSpan.FromMinutes(1);

    /// <summary>The longest period (a dosing loop runs at least once an hour).</summary>
    public static readonly TimeSpan MaxDuration = TimeSpan.FromHours(1);

    /// <summary>Total insulin of the record (U): basal × duration + bolus.</summary>
    public double TotalUnits => BasalUnitsPerHour * Duration.TotalHours + BolusUnits;

    /// <summary>True when every amount is finite and within its range and the reason is defined.</summary>
    public bool IsPlausible =>
        BasalUnitsPerHour is >= 0 and <= MaxBasalUnitsPerHour
        && BolusUnits is >= 0 and <= MaxBolusUnits
        && Duration >= MinDuration && Duration <= MaxDuration
        && Reason is >= DoseDeliveryReason.ControllerDecision and <= DoseDeliveryReason.SensorFallback;
}
