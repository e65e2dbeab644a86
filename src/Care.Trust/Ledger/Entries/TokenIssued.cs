namespace Care.Trust.Ledger.Entries;

/// <summary>Access was granted: a bearer token with a role, an expiry and, for a care team, the wearers it may read.</summary>
/// <param name="TokenId">Public id of the token (never its secret).</param>
/// <param name="Role">Its role.</param>
/// <param name="ExpiresAt">When it stops working.</param>
/// <param name="Scope">The wearers it may read, comma-separated, or null for every wearer.</param>
/// <param name="IssuedBy">Public id of the token (or the operator) that issued it.</param>
public sealed record TokenIssued(string TokenId, string Role, DateTimeOffset ExpiresAt, string? Scope, string IssuedBy) : LedgerEntry
{
    /// <inheritdoc/>
    protected override void Describe(CanonicalFields fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        fields.Text("tokenId", TokenId);
        fields.Text("role", Role);
        fields.Time("expiresAt", ExpiresAt);
        if (Scope is not null)
        {
            fields.Text("scope", Scope);
        }
        fields.Text("issuedBy", IssuedBy);
    }
}
