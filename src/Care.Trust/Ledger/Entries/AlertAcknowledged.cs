using Care.Core.Ids;

namespace Care.Trust.Ledger.Entries;

/// <summary>
/// A clinician acknowledged an alert about a wearer: who, with which role, which alert and its
/// level. Acknowledging suppresses re-alerts for a while, so it is a consequential act and is logged.
/// </summary>
/// <param name="Actor">Public id of the acknowledging token.</param>
/// <param name="Role">Its role.</param>
/// <param name="Of">The wearer the alert is about.</param>
/// <param name="AlertId">Hermes's alert id.</param>
/// <param name="Level">The alert's level (low-medium, medium, high).</param>
public sealed record AlertAcknowledged(string Actor, string Role, WearerId Of, long AlertId, string Level) : LedgerEntry
{
    /// <inheritdoc/>
    public override WearerId? Wearer => Of;

    /// <inheritdoc/>
    protected override void Describe(CanonicalFields fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        fields.Text("actor", Actor);
        fields.Text("role", Role);
        fields.Integer("alertId", AlertId);
        fields.Text("level", Level);
    }
}
