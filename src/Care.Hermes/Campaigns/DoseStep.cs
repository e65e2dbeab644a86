namespace Care.Hermes.Campaigns;

/// <summary>Where a vaccine dose is on its path from request to cartridge. The ledger writes the lower-case name.</summary>
public enum DoseStep
{
    /// <summary>A kiosk asked for a dose for an identified, eligible wearer.</summary>
    Requested = 1,

    /// <summary>The lab screened the synthesis order and found nothing of concern.</summary>
    Screened = 2,

    /// <summary>The lab synthesised the product.</summary>
    Synthesised = 3,

    /// <summary>The product was sequenced and maps to the design, nothing else in it.</summary>
    Verified = 4,

    /// <summary>The product was filled into the wearer's cartridge and the independent assay agreed. Final.</summary>
    Filled = 5,

    /// <summary>Stopped, with the reason in the ledger. Final.</summary>
    Refused = 6,
}
