using Care.Core.Bundles;
using Care.Core.Ids;

namespace Care.Hermes.Ingest;

/// <summary>
/// An upload whose seal was verified, whose payload was decrypted and read, and that was not stored
/// before: everything <see cref="BundleIngestor"/> does without a lock. What is left (replay and order
/// checks, storing, ledgering, scoring) belongs to whoever owns the wearer's ingest order: the
/// ingestor itself in one process, the wearer's grain in a cluster (<see cref="IWearerIngestRouter"/>).
/// Immutable.
/// </summary>
/// <param name="DeviceId">The device that signed the bundle.</param>
/// <param name="Sequence">The seal's sequence number (replay protection).</param>
/// <param name="SealedAt">When the device sealed it (from the seal).</param>
/// <param name="Payload">The decrypted version-1 JSON payload.</param>
/// <param name="PayloadSha256">SHA-256 of <paramref name="Payload"/>, hex.</param>
/// <param name="SealedSha256">SHA-256 of the sealed bytes as uploaded (recognises an identical retry).</param>
/// <param name="ReceivedAt">When Hermes received it: the time the payload was checked against, and stored as received-at.</param>
/// <param name="Wearer">The wearer the payload names.</param>
public sealed record OpenedUpload(
    string DeviceId, long Sequence, DateTimeOffset SealedAt, byte[] Payload, string PayloadSha256, byte[] SealedSha256, DateTimeOffset ReceivedAt, WearerId Wearer)
{
    /// <summary>The payload as read on this node, so a local store does not read it twice; null after crossing to another node.</summary>
    internal Bundle? Parsed { get; init; }
}
