namespace Care.Core.Bundles;

/// <summary>The fields of one dose in the wire format, as bits to track which were seen.</summary>
[Flags]
internal enum DoseField
{
    None = 0,
    Time = 1,
    Drug = 2,
    Unit = 4,
    BasalUnitsPerHour = 8,
    DurationMinutes = 16,
    BolusUnits = 32,
    Reason = 64,
    All = Time | Drug | Unit | BasalUnitsPerHour | DurationMinutes | BolusUnits | Reason,
}
