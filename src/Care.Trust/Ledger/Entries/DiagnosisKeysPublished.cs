namespace Care.Trust.Ledger.Entries;

/// <summary>
/// Hermes published a signed batch of diagnosis keys (a GAEN export file). Names the batch, its
/// region, how many keys it carries and the SHA-256 of the exact zip served, so anyone can check that
/// the file a kiosk loaded is the one in the ledger. About no wearer.
/// </summary>
/// <param name="ExportId">Hermes's id of the export.</param>
/// <param name="Region">The export's region.</param>
/// <param name="KeyCount">Diagnosis keys in the file.</param>
/// <param name="ExportSha256">SHA-256 of the zip served, lower-case hex.</param>
public sealed record DiagnosisKeysPublished(long ExportId, string Region, long KeyCount, string ExportSha256) : LedgerEntry
{
    /// <inheritdoc/>
    protected override void Describe(CanonicalFields fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        fields.Integer("exportId", ExportId);
        fields.Text("region", Region);
        fields.Integer("keyCount", KeyCount);
        fields.Sha256("exportSha256", ExportSha256);
    }
}
