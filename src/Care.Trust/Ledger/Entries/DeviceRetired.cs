using Care.Core.Ids;

namespace Care.Trust.Ledger.Entries;

/// <summary>
/// A patch identity stopped being accepted: <c>retired</c> at a swap (its data was acknowledged
/// and it left the body) or <c>revoked</c> (lost, stolen or compromised). Its later bundles are refused.
/// </summary>
/// <param name="DeviceId">The patch's id.</param>
/// <param name="Of">The wearer it was bound to.</param>
/// <param name="Reason"><c>retired</c> or <c>revoked</c>.</param>
/// <param name="By">Public id of the token (or the operator) that did it.</param>
public sealed record DeviceRetired(string DeviceId, WearerId Of, string Reason, string By) : LedgerEntry
{
    /// <inheritdoc/>
    public override WearerId? Wearer => Of;

    /// <inheritdoc/>
    protected override void Describe(CanonicalFields fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        fields.Text("deviceId", DeviceId);
        fields.Text("reason", Reason);
        fields.Text("by", By);
    }
}
