namespace Care.Trust.Bundles;

/// <summary>A bundle that passed every check.</summary>
/// <param name="DeviceId">The registered device that signed it.</param>
/// <param name="Sequence">Its sequence number (now the device's last accepted).</param>
/// <param name="SealedAt">When the device sealed it (device clock; informative only).</param>
/// <param name="Payload">The decrypted content.</param>
/// <param name="ContentSha256">SHA-256 of <paramref name="Payload"/>, lower-case hex (for the ledger's <c>BundleAccepted</c>).</param>
public sealed record OpenedBundle(string DeviceId, long Sequence, DateTimeOffset SealedAt, byte[] Payload, string ContentSha256);
