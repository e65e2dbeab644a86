using Care.Core.Ids;

namespace Care.Trust.Ledger.Entries;

/// <summary>
/// A cartridge was filled for a wearer: what was prescribed, what was loaded, and what the assay
/// instrument measured, so anyone can see a silent change between them.
/// </summary>
/// <param name="CartridgeId">The cartridge's identifier.</param>
/// <param name="For">The wearer the cartridge is for.</param>
/// <param name="PlanId">The dose plan it fulfils.</param>
/// <param name="Drug">The drug, by name or code.</param>
/// <param name="Prescribed">Prescribed content, in <paramref name="Unit"/>; finite.</param>
/// <param name="Loaded">Content the filler reports loading, in <paramref name="Unit"/>; finite.</param>
/// <param name="Assay">Content measured by the assay instrument, in <paramref name="Unit"/>; finite.</param>
/// <param name="Unit">UCUM unit, e.g. <c>U</c> or <c>mg</c>.</param>
/// <param name="Instrument">The assay instrument's identifier.</param>
public sealed record CartridgeFilled(string CartridgeId, WearerId For, string PlanId, string Drug, double Prescribed, double Loaded, double Assay, string Unit, string Instrument) : LedgerEntry
{
    /// <inheritdoc/>
    public override WearerId? Wearer => For;

    /// <inheritdoc/>
    protected override void Describe(CanonicalFields fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        fields.Text("cartridgeId", CartridgeId);
        fields.Text("planId", PlanId);
        fields.Text("drug", Drug);
        fields.Number("prescribed", Prescribed);
        fields.Number("loaded", Loaded);
        fields.Number("assay", Assay);
        fields.Text("unit", Unit);
        fields.Text("instrument", Instrument);
    }
}
