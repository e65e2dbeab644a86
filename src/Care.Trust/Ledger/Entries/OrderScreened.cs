namespace Care.Trust.Ledger.Entries;

/// <summary>A synthesis order was screened: <c>passed</c>, or <c>held</c> for human review with the hit explained.</summary>
/// <param name="OrderSha256">SHA-256 of the order's sequence.</param>
/// <param name="Customer">The customer's id.</param>
/// <param name="Outcome"><c>passed</c> or <c>held</c>.</param>
/// <param name="Detail">The hit and window (for a held order) or <c>no hit</c>.</param>
public sealed record OrderScreened(string OrderSha256, string Customer, string Outcome, string Detail) : LedgerEntry
{
    /// <inheritdoc/>
    protected override void Describe(CanonicalFields fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        fields.Sha256("orderSha256", OrderSha256);
        fields.Text("customer", Customer);
        fields.Text("outcome", Outcome);
        fields.Text("detail", Detail);
    }
}
