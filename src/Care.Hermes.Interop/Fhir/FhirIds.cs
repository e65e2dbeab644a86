using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Care.Core.Ids;

namespace Care.Hermes.Interop.Fhir;

/// <summary>
/// How Care's identifiers become FHIR logical ids and back. A FHIR id is 1–64 of <c>A–Z a–z 0–9 - .</c>
/// (R4 §2.24.0.1 "id"); a wearer id may also hold <c>_</c>, so such ids are replaced by a hash and the
/// exact Care id always rides in an identifier (<see cref="WearerSystem"/>). Thread safe.
/// </summary>
public static partial class FhirIds
{
    /// <summary>Identifier system of a wearer's pseudonymous id.</summary>
    public const string WearerSystem = "urn:care:wearer";

    /// <summary>Identifier system of a patch's device id.</summary>
    public const string PatchSystem = "urn:care:patch";

    /// <summary>Identifier system of the SHA-256 (hex) of a patch's registered public key: its identity.</summary>
    public const string PatchIdentitySystem = "urn:care:patch-identity-sha256";

    /// <summary>Identifier system of a ledger entry, valued by its 0-based index.</summary>
    public const string LedgerSystem = "urn:care:ledger";

    /// <summary>Code system of ledger entry kinds (e.g. <c>DeviceRegistered</c>).</summary>
    public const string LedgerKindSystem = "urn:care:ledger-kind";

    /// <summary>Code system of Care's alert kinds.</summary>
    public const string AlertKindSystem = "urn:care:alert-kind";

    /// <summary>Code system of Care's insulin dose reasons (<c>controller-decision</c>, …).</summary>
    public const string DoseReasonSystem = "urn:care:dose-reason";

    /// <summary>The FHIR Patient id of a wearer: the id itself when FHIR allows it, otherwise <c>h</c> and 32 hex digits of its SHA-256.</summary>
    public static string Patient(WearerId wearer) => Safe(wearer.Value);

    /// <summary>The FHIR Device id of a patch.</summary>
    public static string Device(string deviceId) => Safe("patch-" + deviceId);

    /// <summary>A deterministic FHIR id for a resource made of <paramref name="parts"/> (20 hex digits of their SHA-256).</summary>
    public static string Hashed(string prefix, params string[] parts) =>
        prefix + "-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('|', parts))))[..20];

    /// <summary>True when <paramref name="id"/> is a valid FHIR logical id.</summary>
    public static bool IsValid(string? id) => id is not null && IdPattern().IsMatch(id);

    private static string Safe(string text) =>
        IsValid(text) ? text : "h" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..32];

    [GeneratedRegex("^[A-Za-z0-9\\-\\.]{1,64}$", RegexOptions.CultureInvariant)]
    private static partial Regex IdPattern();
}
