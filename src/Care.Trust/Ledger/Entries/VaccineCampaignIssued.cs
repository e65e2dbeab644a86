namespace Care.Trust.Ledger.Entries;

/// <summary>
/// Hermes issued a vaccine campaign: the product every dose must hash to, the dose, who is eligible
/// and until when doses may be requested.
/// </summary>
/// <param name="CampaignId">The campaign's identifier.</param>
/// <param name="ProductSha256">SHA-256 of the product (the designed mRNA, upper-case ACGU, ASCII), lower-case hex.</param>
/// <param name="DoseMicrograms">mRNA per dose, µg; finite and positive.</param>
/// <param name="Eligibility">Who may receive a dose, described without naming anyone (e.g. <c>listed wearers (3), list sha256 …</c>).</param>
/// <param name="ExpiresAt">After this instant no dose may be requested.</param>
/// <param name="IssuedBy">Who issued it (a token id).</param>
public sealed record VaccineCampaignIssued(string CampaignId, string ProductSha256, double DoseMicrograms, string Eligibility, DateTimeOffset ExpiresAt, string IssuedBy) : LedgerEntry
{
    /// <inheritdoc/>
    protected override void Describe(CanonicalFields fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        fields.Text("campaignId", CampaignId);
        fields.Sha256("productSha256", ProductSha256);
        fields.Number("doseMicrograms", DoseMicrograms);
        fields.Text("eligibility", Eligibility);
        fields.Time("expiresAt", ExpiresAt);
        fields.Text("issuedBy", IssuedBy);
    }
}
