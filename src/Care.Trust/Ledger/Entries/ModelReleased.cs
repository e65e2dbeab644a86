namespace Care.Trust.Ledger.Entries;

/// <summary>A model was released to devices.</summary>
/// <param name="ModelName">The model's name.</param>
/// <param name="Version">The released version.</param>
/// <param name="ModelSha256">SHA-256 of the exact on-device model file, lower-case hex.</param>
/// <param name="ReleasedBy">Who approved the release.</param>
public sealed record ModelReleased(string ModelName, string Version, string ModelSha256, string ReleasedBy) : LedgerEntry
{
    /// <inheritdoc/>
    protected override void Describe(CanonicalFields fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        fields.Text("modelName", ModelName);
        fields.Text("version", Version);
        fields.Sha256("modelSha256", ModelSha256);
        fields.Text("releasedBy", ReleasedBy);
    }
}
