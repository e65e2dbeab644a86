namespace Care.Metabolic.Cartridge;

/// <summary>What a cartridge alert is about.</summary>
public enum CartridgeAlertKind
{
    /// <summary>The reservoir fell to the low-reservoir threshold: replace the cartridge soon.</summary>
    LowReservoir,

    /// <summary>The reservoir is empty: insulin delivery has stopped.</summary>
    Empty,

    /// <summary>Insulin is commanded but not leaving the cartridge (blocked cannula or line).</summary>
    Occlusion,
}
