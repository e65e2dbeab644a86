namespace Care.Trust.Ledger.Entries;

/// <summary>An attested instrument started an authorised job.</summary>
/// <param name="JobId">The job.</param>
/// <param name="InstrumentId">The instrument running it.</param>
/// <param name="InputsSha256">SHA-256 of the job's inputs as the instrument received them.</param>
public sealed record LabJobStarted(string JobId, string InstrumentId, string InputsSha256) : LedgerEntry
{
    /// <inheritdoc/>
    protected override void Describe(CanonicalFields fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        fields.Text("jobId", JobId);
        fields.Text("instrumentId", InstrumentId);
        fields.Sha256("inputsSha256", InputsSha256);
    }
}
