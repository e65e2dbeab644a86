namespace Care.Trust.Ledger.Entries;

/// <summary>
/// Hermes designed a vaccine's mRNA for a campaign: what went in (the protein's hash and the design
/// parameters), what came out (the mRNA's hash, its folding free energy and codon adaptation) and
/// which software did it, so anyone holding the product can check that it is this design.
/// </summary>
/// <param name="CampaignId">The campaign the design is for.</param>
/// <param name="ProteinSha256">SHA-256 of the protein (upper-case one-letter codes, ASCII), lower-case hex.</param>
/// <param name="MrnaSha256">SHA-256 of the designed mRNA (upper-case ACGU, ASCII), lower-case hex: the product hash.</param>
/// <param name="Lambda">Weight λ of the codon term in MFE + λ · Σ −ln w; finite, ≥ 0.</param>
/// <param name="Beam">0 for the exact search, otherwise the beam width used.</param>
/// <param name="MfeKcalPerMol">Minimum free energy of the design (Turner 2004, no dangles), kcal/mol.</param>
/// <param name="Cai">Codon adaptation index of the design, 0–1.</param>
/// <param name="Software">Name and version of the designing software.</param>
public sealed record VaccineDesigned(string CampaignId, string ProteinSha256, string MrnaSha256, double Lambda, long Beam, double MfeKcalPerMol, double Cai, string Software) : LedgerEntry
{
    /// <inheritdoc/>
    protected override void Describe(CanonicalFields fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        fields.Text("campaignId", CampaignId);
        fields.Sha256("proteinSha256", ProteinSha256);
        fields.Sha256("mrnaSha256", MrnaSha256);
        fields.Number("lambda", Lambda);
        fields.Integer("beam", Beam);
        fields.Number("mfe", MfeKcalPerMol);
        fields.Number("cai", Cai);
        fields.Text("software", Software);
    }
}
