namespace Care.Kiosk.Cartridges;

/// <summary>
/// An instrument independent of the filler that measures what is actually in a filled cartridge.
/// In the story the central AI hid a changed fill from the lab instruments; here the assay reading
/// goes into the ledger beside the prescription and the filler's own figure, so a disagreement
/// is visible to anyone.
/// </summary>
public interface IAssayInstrument
{
    /// <summary>The instrument's identity, written to the ledger.</summary>
    string Name { get; }

    /// <summary>Measures the amount of <paramref name="drug"/> in <paramref name="cartridgeId"/>, in the plan's unit.</summary>
    double Measure(string cartridgeId, string drug);
}
