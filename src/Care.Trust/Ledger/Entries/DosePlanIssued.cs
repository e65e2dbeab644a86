using Care.Core.Ids;

namespace Care.Trust.Ledger.Entries;

/// <summary>A dose plan was issued for a wearer.</summary>
/// <param name="PlanId">The plan's identifier.</param>
/// <param name="For">The wearer the plan is for.</param>
/// <param name="Drug">The drug, by name or code.</param>
/// <param name="Amount">The planned amount per day, in <paramref name="Unit"/>; finite.</param>
/// <param name="Unit">UCUM unit of <paramref name="Amount"/>, e.g. <c>U/d</c> or <c>mg/d</c>.</param>
/// <param name="PlanSha256">SHA-256 of the full plan document, lower-case hex.</param>
/// <param name="IssuedBy">Who or what issued it (clinician id, controller version).</param>
public sealed record DosePlanIssued(string PlanId, WearerId For, string Drug, double Amount, string Unit, string PlanSha256, string IssuedBy) : LedgerEntry
{
    /// <inheritdoc/>
    public override WearerId? Wearer => For;

    /// <inheritdoc/>
    protected override void Describe(CanonicalFields fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        fields.Text("planId", PlanId);
        fields.Text("drug", Drug);
        fields.Number("amount", Amount);
        fields.Text("unit", Unit);
        fields.Sha256("planSha256", PlanSha256);
        fields.Text("issuedBy", IssuedBy);
    }
}
