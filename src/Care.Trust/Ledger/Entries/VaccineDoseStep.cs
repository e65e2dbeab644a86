using Care.Core.Ids;

namespace Care.Trust.Ledger.Entries;

/// <summary>
/// One step of one vaccine dose on its way to a wearer: requested by a kiosk, screened, synthesised,
/// verified by sequencing, filled into a cartridge, or refused (with the reason). The entry names the
/// wearer, so the dose's whole path is in the wearer's own ledger view.
/// </summary>
/// <param name="DoseId">The dose's identifier.</param>
/// <param name="CampaignId">The campaign it belongs to.</param>
/// <param name="For">The wearer the dose is for.</param>
/// <param name="Step">One of <c>requested</c>, <c>screened</c>, <c>synthesised</c>, <c>verified</c>, <c>filled</c>, <c>refused</c>.</param>
/// <param name="SubjectSha256">SHA-256 of what the step acted on or produced (the product as made or sequenced; the design for a request), lower-case hex.</param>
/// <param name="Detail">What happened, in words (the reason for a refusal); never personal data.</param>
/// <param name="Actor">Who reported the step (a token id, kiosk or lab).</param>
public sealed record VaccineDoseStep(string DoseId, string CampaignId, WearerId For, string Step, string SubjectSha256, string Detail, string Actor) : LedgerEntry
{
    /// <inheritdoc/>
    public override WearerId? Wearer => For;

    /// <inheritdoc/>
    protected override void Describe(CanonicalFields fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        fields.Text("doseId", DoseId);
        fields.Text("campaignId", CampaignId);
        fields.Text("step", Step);
        fields.Sha256("subjectSha256", SubjectSha256);
        fields.Text("detail", Detail);
        fields.Text("actor", Actor);
    }
}
