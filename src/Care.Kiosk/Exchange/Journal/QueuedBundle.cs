using Care.Core.Ids;

namespace Care.Kiosk.Exchange.Journal;

/// <summary>A verified sealed bundle in the kiosk's forward queue.</summary>
/// <param name="Position">Its place in the queue (forwarded in increasing order).</param>
/// <param name="ExchangeId">The exchange that read it.</param>
/// <param name="Patch">The patch that sealed it.</param>
/// <param name="Bytes">The sealed bytes, exactly as read.</param>
/// <param name="AcknowledgedBundleId">The bundle id in Hermes's receipt once acknowledged; null while it waits.</param>
/// <param name="Refusal">Why Hermes refused it for good (kept for the operator, never wiped); null otherwise.</param>
public sealed record QueuedBundle(long Position, Guid ExchangeId, PatchId Patch, byte[] Bytes, Guid? AcknowledgedBundleId, string? Refusal);
