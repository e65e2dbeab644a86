namespace Care.Hermes.Console.Hosting;

/// <summary>Names of the console's cookie scheme, policies and session claims.</summary>
internal static class ConsoleAuth
{
    /// <summary>The cookie authentication scheme of console sessions (the JSON API keeps its bearer scheme and never reads this cookie).</summary>
    public const string Scheme = "CareConsole";

    /// <summary>Clinician pages: alerts, wearers, timelines, ledger views.</summary>
    public const string ClinicianPolicy = "console-clinician";

    /// <summary>Admin pages: tokens.</summary>
    public const string AdminPolicy = "console-admin";

    /// <summary>Any signed-in console session (sign-out, the home redirect).</summary>
    public const string SessionPolicy = "console-session";

    /// <summary>Claim holding the hex SHA-256 of the session's bearer token, so each request re-checks the token (revocation, expiry) without keeping the token.</summary>
    public const string TokenHashClaim = "care:console-token-sha256";

    /// <summary>Longest a session lives without a request (sliding), and never past its token's expiry.</summary>
    public static readonly TimeSpan IdleTimeout = TimeSpan.FromMinutes(30);

    /// <summary>Path prefix of every console page and file.</summary>
    public const string Prefix = "/console";
}
