namespace Care.Trust.Ledger.Entries;

/// <summary>A firmware image was released for a kind of lab instrument; attestation accepts only released firmware.</summary>
/// <param name="InstrumentKind">E.g. <c>synthesiser</c>, <c>sequencer</c>, <c>assay-reader</c>, <c>filler</c>.</param>
/// <param name="Version">The release's version.</param>
/// <param name="FirmwareSha256">SHA-256 of the exact image, lower-case hex.</param>
/// <param name="ReleasedBy">Who approved the release.</param>
public sealed record FirmwareReleased(string InstrumentKind, string Version, string FirmwareSha256, string ReleasedBy) : LedgerEntry
{
    /// <inheritdoc/>
    protected override void Describe(CanonicalFields fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        fields.Text("instrumentKind", InstrumentKind);
        fields.Text("version", Version);
        fields.Sha256("firmwareSha256", FirmwareSha256);
        fields.Text("releasedBy", ReleasedBy);
    }
}
