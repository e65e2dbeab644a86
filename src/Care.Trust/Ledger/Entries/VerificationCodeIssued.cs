using Care.Core.Ids;

namespace Care.Trust.Ledger.Entries;

/// <summary>
/// A clinician issued a one-time exposure-notification verification code for a diagnosed wearer.
/// The entry names who issued it, for whom and until when, but never the code or its hash: once the
/// code is used nothing in Hermes links the keys it published back to the wearer (ADR 0021).
/// </summary>
/// <param name="Actor">Public id of the issuing clinician token.</param>
/// <param name="Role">Its role.</param>
/// <param name="For">The diagnosed wearer.</param>
/// <param name="ExpiresAt">When the code stops working.</param>
public sealed record VerificationCodeIssued(string Actor, string Role, WearerId For, DateTimeOffset ExpiresAt) : LedgerEntry
{
    /// <inheritdoc/>
    public override WearerId? Wearer => For;

    /// <inheritdoc/>
    protected override void Describe(CanonicalFields fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        fields.Text("actor", Actor);
        fields.Text("role", Role);
        fields.Time("expiresAt", ExpiresAt);
    }
}
