using Care.Trust.Bundles;

namespace Care.Trust.Ledger.Entries;

/// <summary>Hermes accepted a sealed bundle from a device after verifying it.</summary>
/// <param name="BundleId">The bundle's identifier.</param>
/// <param name="ContentSha256">SHA-256 of the opened bundle content, lower-case hex.</param>
/// <param name="DeviceId">The device whose hybrid identity signed it.</param>
/// <param name="Sequence">The bundle's sequence number (strictly increasing per device).</param>
public sealed record BundleAccepted(string BundleId, string ContentSha256, string DeviceId, long Sequence) : LedgerEntry
{
    /// <summary>The entry recording that <paramref name="opened"/> was accepted as <paramref name="bundleId"/> at <paramref name="acceptedAt"/>.</summary>
    public static BundleAccepted From(OpenedBundle opened, string bundleId, DateTimeOffset acceptedAt)
    {
        ArgumentNullException.ThrowIfNull(opened);
        return new BundleAccepted(bundleId, opened.ContentSha256, opened.DeviceId, opened.Sequence) { At = acceptedAt };
    }

    /// <inheritdoc/>
    protected override void Describe(CanonicalFields fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        fields.Text("bundleId", BundleId);
        fields.Sha256("contentSha256", ContentSha256);
        fields.Text("deviceId", DeviceId);
        fields.Integer("sequence", Sequence);
    }
}
