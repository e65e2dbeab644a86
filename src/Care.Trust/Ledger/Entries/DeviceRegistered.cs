using Care.Core.Ids;

namespace Care.Trust.Ledger.Entries;

/// <summary>
/// A patch identity was registered for one wearer: from now on Hermes accepts its sealed bundles
/// for that wearer only. Logged so that a binding cannot be changed silently.
/// </summary>
/// <param name="DeviceId">The patch's id (its bundles' <c>patchId</c>).</param>
/// <param name="Of">The wearer the patch is bound to.</param>
/// <param name="KioskId">The kiosk (or operator tool) that issued the patch.</param>
/// <param name="Algorithm">The identity's signature algorithm.</param>
/// <param name="PublicKeySha256">SHA-256 of the exported public key, lower-case hex.</param>
/// <param name="RegisteredBy">Public id of the token (or the operator) that registered it.</param>
public sealed record DeviceRegistered(string DeviceId, WearerId Of, string KioskId, string Algorithm, string PublicKeySha256, string RegisteredBy) : LedgerEntry
{
    /// <inheritdoc/>
    public override WearerId? Wearer => Of;

    /// <inheritdoc/>
    protected override void Describe(CanonicalFields fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        fields.Text("deviceId", DeviceId);
        fields.Text("kioskId", KioskId);
        fields.Text("algorithm", Algorithm);
        fields.Sha256("publicKeySha256", PublicKeySha256);
        fields.Text("registeredBy", RegisteredBy);
    }
}
