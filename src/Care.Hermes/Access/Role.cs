namespace Care.Hermes.Access;

/// <summary>What a bearer token may do. Roles do not nest: each has exactly its own rights.</summary>
public enum Role
{
    /// <summary>A patch or kiosk: may upload bundles, nothing else.</summary>
    Device = 1,

    /// <summary>A clinician: may read wearers' records and risk; every read is recorded.</summary>
    Clinician = 2,

    /// <summary>An administrator: may manage tokens; may not read records.</summary>
    Admin = 3,

    /// <summary>Public health: may read regional aggregates and outbreak signals (counts under 10 suppressed); never a wearer's record.</summary>
    PublicHealth = 4,
}
