using Care.Core.Ids;

namespace Care.Trust.Ledger.Entries;

/// <summary>
/// A clinician acknowledged an alert about a wearer: who, with which role, which alert, its level
/// and its kind. Acknowledging suppresses re-alerts of that kind for a while, so it is a
/// consequential act and is logged.
/// </summary>
/// <param name="Actor">Public id of the acknowledging token.</param>
/// <param name="Role">Its role.</param>
/// <param name="Of">The wearer the alert is about.</param>
/// <param name="AlertId">Hermes's alert id.</param>
/// <param name="Level">The alert's level (low-medium, medium, high).</param>
/// <param name="AlertKind">
/// What raised the alert (Hermes writes <c>news2</c> or <c>sepsis-model</c>), or null for an entry
/// written before the kind was recorded. Written as the field <c>alertKind</c> only when present, so
/// an entry without it keeps its original canonical bytes and leaf hash; when present it must be
/// 1–1024 characters (<see cref="LedgerEntry.ToCanonicalJson"/> throws <see cref="ArgumentException"/> otherwise).
/// </param>
public sealed record AlertAcknowledged(string Actor, string Role, WearerId Of, long AlertId, string Level, string? AlertKind = null) : LedgerEntry
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
        if (AlertKind is not null)
        {
            fields.Text("alertKind", AlertKind);
        }
    }
}
