using Care.Core.Ids;

namespace Care.Trust.Ledger.Entries;

/// <summary>Someone looked at a wearer's record: who, in which role, and why (when is <see cref="LedgerEntry.At"/>).</summary>
/// <param name="Actor">Who accessed the record.</param>
/// <param name="Role">Their role, e.g. <c>clinician</c>, <c>wearer</c>, <c>auditor</c>.</param>
/// <param name="Of">Whose record.</param>
/// <param name="Reason">The stated reason.</param>
public sealed record RecordAccessed(string Actor, string Role, WearerId Of, string Reason) : LedgerEntry
{
    /// <inheritdoc/>
    public override WearerId? Wearer => Of;

    /// <inheritdoc/>
    protected override void Describe(CanonicalFields fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        fields.Text("actor", Actor);
        fields.Text("role", Role);
        fields.Text("reason", Reason);
    }
}
