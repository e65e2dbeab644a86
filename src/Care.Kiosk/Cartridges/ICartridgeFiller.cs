namespace Care.Kiosk.Cartridges;

/// <summary>The kiosk's filling pump: loads a drug into a cartridge and reports what it loaded.</summary>
public interface ICartridgeFiller
{
    /// <summary>Fills <paramref name="cartridgeId"/> with <paramref name="amount"/> of <paramref name="drug"/>; returns the amount it reports loaded, in the plan's unit.</summary>
    double Fill(string cartridgeId, string drug, double amount);
}
