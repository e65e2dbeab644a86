namespace Care.Trust.Ledger.Entries;

/// <summary>A lab job ended, with the hash of what it produced.</summary>
/// <param name="JobId">The job.</param>
/// <param name="InstrumentId">The instrument that ran it.</param>
/// <param name="InputsSha256">SHA-256 of its inputs.</param>
/// <param name="ResultSha256">SHA-256 of the result file.</param>
/// <param name="Outcome"><c>completed</c>, <c>failed</c> or <c>quarantined</c>.</param>
public sealed record LabJobCompleted(string JobId, string InstrumentId, string InputsSha256, string ResultSha256, string Outcome) : LedgerEntry
{
    /// <inheritdoc/>
    protected override void Describe(CanonicalFields fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        fields.Text("jobId", JobId);
        fields.Text("instrumentId", InstrumentId);
        fields.Sha256("inputsSha256", InputsSha256);
        fields.Sha256("resultSha256", ResultSha256);
        fields.Text("outcome", Outcome);
    }
}
