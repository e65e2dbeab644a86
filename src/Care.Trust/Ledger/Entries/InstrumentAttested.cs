namespace Care.Trust.Ledger.Entries;

/// <summary>A lab instrument answered a boot challenge: accepted, or refused with the reason.</summary>
/// <param name="InstrumentId">The instrument.</param>
/// <param name="FirmwareSha256">SHA-256 of the firmware it quoted.</param>
/// <param name="ConfigurationSha256">SHA-256 of the configuration it quoted.</param>
/// <param name="Outcome"><c>accepted</c> or <c>refused</c>.</param>
/// <param name="Reason">Why (for a refusal), or <c>fresh quote</c>.</param>
public sealed record InstrumentAttested(string InstrumentId, string FirmwareSha256, string ConfigurationSha256, string Outcome, string Reason) : LedgerEntry
{
    /// <inheritdoc/>
    protected override void Describe(CanonicalFields fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        fields.Text("instrumentId", InstrumentId);
        fields.Sha256("firmwareSha256", FirmwareSha256);
        fields.Sha256("configurationSha256", ConfigurationSha256);
        fields.Text("outcome", Outcome);
        fields.Text("reason", Reason);
    }
}
