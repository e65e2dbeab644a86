using Care.Trust.Ledger.Entries;

namespace Care.Kiosk.Cartridges;

/// <summary>The result of a fill: the ledger record (always reported) and whether the cartridge may go to the wearer.</summary>
/// <param name="Record">Prescribed, loaded and assayed amounts, for the ledger.</param>
/// <param name="Released">True only when both the filler's figure and the assay agree with the prescription within tolerance.</param>
/// <param name="Reason">Why it was released or held back.</param>
public sealed record CartridgeFillOutcome(CartridgeFilled Record, bool Released, string Reason);
