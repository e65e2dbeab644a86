namespace Care.Metabolic.Cartridge;

/// <summary>One delivery attempt of the cartridge.</summary>
/// <param name="Time">When it was made.</param>
/// <param name="CommandedUnits">Insulin the dosing loop asked for (U).</param>
/// <param name="DeliveredUnits">Insulin that left the reservoir by the pump's measurement (U).</param>
/// <param name="ReservoirAfterUnits">Insulin left afterwards (U).</param>
public readonly record struct DeliveryLogEntry(DateTimeOffset Time, double CommandedUnits, double DeliveredUnits, double ReservoirAfterUnits);
