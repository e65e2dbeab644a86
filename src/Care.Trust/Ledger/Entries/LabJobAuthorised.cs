namespace Care.Trust.Ledger.Entries;

/// <summary>Hermes authorised one lab job for one instrument, once, until an expiry.</summary>
/// <param name="JobId">The job.</param>
/// <param name="JobKind"><c>synthesis</c>, <c>sequencing</c>, <c>assay</c> or <c>fill</c>.</param>
/// <param name="InstrumentId">The only instrument that may run it.</param>
/// <param name="SubjectSha256">SHA-256 of the order or sample it works on.</param>
/// <param name="Protocol">The protocol name and version.</param>
/// <param name="ExpiresAt">After this instant the authorisation is void.</param>
/// <param name="AuthorisationSha256">SHA-256 of the signed authorisation document.</param>
public sealed record LabJobAuthorised(string JobId, string JobKind, string InstrumentId, string SubjectSha256, string Protocol, DateTimeOffset ExpiresAt, string AuthorisationSha256) : LedgerEntry
{
    /// <inheritdoc/>
    protected override void Describe(CanonicalFields fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        fields.Text("jobId", JobId);
        fields.Text("jobKind", JobKind);
        fields.Text("instrumentId", InstrumentId);
        fields.Sha256("subjectSha256", SubjectSha256);
        fields.Text("protocol", Protocol);
        fields.Time("expiresAt", ExpiresAt);
        fields.Sha256("authorisationSha256", AuthorisationSha256);
    }
}
