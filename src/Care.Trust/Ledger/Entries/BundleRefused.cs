using Care.Core.Ids;

namespace Care.Trust.Ledger.Entries;

/// <summary>
/// Hermes refused a sealed bundle that verified but must not enter the record it names: its patch
/// is bound to another wearer, or was retired or revoked. Logged under the wearer whose record it
/// tried to write, so that an attempt to write into someone's record is visible to them.
/// </summary>
/// <param name="DeviceId">The signing patch.</param>
/// <param name="Of">The wearer the bundle claimed to belong to.</param>
/// <param name="Reason">Why it was refused, in words.</param>
/// <param name="SealedSha256">SHA-256 of the sealed bytes as received, lower-case hex (identifies the upload).</param>
/// <param name="BoundWearer">The wearer the patch is bound to, or null when it is bound to none.</param>
public sealed record BundleRefused(string DeviceId, WearerId Of, string Reason, string SealedSha256, string? BoundWearer) : LedgerEntry
{
    /// <inheritdoc/>
    public override WearerId? Wearer => Of;

    /// <inheritdoc/>
    protected override void Describe(CanonicalFields fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        fields.Text("deviceId", DeviceId);
        fields.Text("reason", Reason);
        fields.Sha256("sealedSha256", SealedSha256);
        if (BoundWearer is not null)
        {
            fields.Text("boundWearer", BoundWearer);
        }
    }
}
