namespace Care.Metabolic.Cartridge;

/// <summary>An alert raised by the cartridge.</summary>
/// <param name="Time">When it was raised.</param>
/// <param name="Kind">What it is about.</param>
/// <param name="Message">A sentence for the wearer or clinician.</param>
public sealed record CartridgeAlert(DateTimeOffset Time, CartridgeAlertKind Kind, string Message);
