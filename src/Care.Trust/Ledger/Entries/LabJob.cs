namespace Care.Trust.Ledger.Entries;

/// <summary>The lab ran (or refused) a job.</summary>
/// <param name="JobId">The job's identifier.</param>
/// <param name="Instrument">The attested instrument that ran it.</param>
/// <param name="OrderSha256">SHA-256 of the screened order, lower-case hex.</param>
/// <param name="Outcome">What happened, e.g. <c>completed</c>, <c>refused</c>, <c>failed</c>.</param>
/// <param name="ResultSha256">SHA-256 of the result document, lower-case hex.</param>
public sealed record LabJob(string JobId, string Instrument, string OrderSha256, string Outcome, string ResultSha256) : LedgerEntry
{
    /// <inheritdoc/>
    protected override void Describe(CanonicalFields fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        fields.Text("jobId", JobId);
        fields.Text("instrument", Instrument);
        fields.Sha256("orderSha256", OrderSha256);
        fields.Text("outcome", Outcome);
        fields.Sha256("resultSha256", ResultSha256);
    }
}
