namespace Care.Hermes.Access;

/// <summary>Authorisation policy names: one per role, because roles do not nest.</summary>
public static class Policies
{
    /// <summary>Only device tokens: upload.</summary>
    public const string Device = "device";

    /// <summary>Only clinician tokens: read records.</summary>
    public const string Clinician = "clinician";

    /// <summary>Only admin tokens: manage.</summary>
    public const string Admin = "admin";

    /// <summary>Only public-health tokens: regional aggregates and outbreak signals.</summary>
    public const string PublicHealth = "public-health";
}
