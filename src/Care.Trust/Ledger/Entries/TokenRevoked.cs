namespace Care.Trust.Ledger.Entries;

/// <summary>Access was withdrawn: a bearer token was revoked before its expiry.</summary>
/// <param name="TokenId">Public id of the token.</param>
/// <param name="RevokedBy">Public id of the token (or the operator) that revoked it.</param>
public sealed record TokenRevoked(string TokenId, string RevokedBy) : LedgerEntry
{
    /// <inheritdoc/>
    protected override void Describe(CanonicalFields fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        fields.Text("tokenId", TokenId);
        fields.Text("revokedBy", RevokedBy);
    }
}
