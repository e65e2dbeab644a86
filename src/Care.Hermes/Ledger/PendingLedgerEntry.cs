namespace Care.Hermes.Ledger;

/// <summary>An entry in the outbox: committed with its act, not yet given a log index.</summary>
/// <param name="OutboxId">Its position in the outbox (increasing in commit order, never reused).</param>
/// <param name="Kind">The entry kind, e.g. <c>BundleAccepted</c>.</param>
/// <param name="Wearer">The wearer it concerns, or null.</param>
/// <param name="Promised">Its promised form (canonical bytes without <c>index</c> and <c>prevRoot</c>).</param>
/// <param name="CommittedAt">When its act committed (the promise's timestamp).</param>
public sealed record PendingLedgerEntry(long OutboxId, string Kind, string? Wearer, byte[] Promised, DateTimeOffset CommittedAt);
