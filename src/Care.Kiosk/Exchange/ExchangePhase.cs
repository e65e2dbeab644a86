namespace Care.Kiosk.Exchange;

/// <summary>
/// Where a durable exchange stands, in order. The journal writes the phase an exchange reached
/// after the step took effect; an intent record written before each step says what may be half done.
/// </summary>
public enum ExchangePhase
{
    /// <summary>The wearer was identified and the exchange was written to the journal; nothing was done yet.</summary>
    Started = 0,

    /// <summary>The robot took the old patch off the body; it stays in the kiosk's bay.</summary>
    Detached = 1,

    /// <summary>The old patch's sealed bundle was read, verified and stored in the kiosk's forward queue.</summary>
    Queued = 2,

    /// <summary>The new cartridge was filled to the proven plan and released by the assay.</summary>
    Filled = 3,

    /// <summary>The proven model release was loaded onto the new patch.</summary>
    ModelLoaded = 4,

    /// <summary>The new patch went on the body.</summary>
    Attached = 5,

    /// <summary>The wearer left with the new patch; the old patch waits, unwiped, until Hermes acknowledges its data.</summary>
    Held = 6,

    /// <summary>Hermes acknowledged the old patch's data and the old patch was wiped: the exchange is complete.</summary>
    Completed = 7,

    /// <summary>The exchange stopped safely before the new patch went on; the wearer was told what to do.</summary>
    Abandoned = 8,
}
