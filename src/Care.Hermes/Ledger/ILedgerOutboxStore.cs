using Care.Trust.Ledger;

namespace Care.Hermes.Ledger;

/// <summary>
/// The storage a <see cref="LedgerSequencer"/> needs: the transactional outbox that acts write their
/// entries to, and the one place where pending entries become log entries. A backend implements it
/// beside <see cref="Storage.IHermesStore"/>; when it does, its act methods
/// (<see cref="Storage.IIngestSession.AppendLedgerAsync"/>, the store's ledger acts) write the entry to
/// the outbox in the act's own transaction (the entry's promised form,
/// <see cref="Trust.Ledger.Entries.LedgerEntry.ToPromisedJson"/>) and return its outbox id, and the
/// index-returning store methods await inclusion. Thread safe; every method honours cancellation.
/// </summary>
public interface ILedgerOutboxStore
{
    /// <summary>The ledger's one sequencer in this process (the backend composes it over itself).</summary>
    LedgerSequencer Sequencer { get; }

    /// <summary>
    /// Claims (or renews) the single-writer lease for <paramref name="sequencerId"/> until
    /// <paramref name="now"/> + <paramref name="lease"/>. False when another sequencer holds an
    /// unexpired lease (its id and expiry are then in <c>Holder</c>).
    /// </summary>
    Task<(bool Claimed, string? Holder)> TryClaimSequencerAsync(string sequencerId, DateTimeOffset now, TimeSpan lease, CancellationToken cancellationToken = default);

    /// <summary>Gives up the lease if <paramref name="sequencerId"/> holds it (a clean stop), so the next sequencer need not wait for it to expire.</summary>
    Task ReleaseSequencerAsync(string sequencerId, CancellationToken cancellationToken = default);

    /// <summary>Every log entry's leaf hash, in index order (a starting sequencer rebuilds its tree from them).</summary>
    IAsyncEnumerable<byte[]> ReadLeafHashesAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Up to <paramref name="max"/> committed pending entries, oldest first, in the order their acts
    /// committed. A backend whose outbox ids can commit out of order (e.g. PostgreSQL sequences) must
    /// not return an entry while one before it may still commit.
    /// </summary>
    Task<IReadOnlyList<PendingLedgerEntry>> ReadPendingAsync(int max, CancellationToken cancellationToken = default);

    /// <summary>
    /// In ONE transaction: checks that <paramref name="sequencerId"/> holds the lease and that the log
    /// has exactly <c>records[0].Index</c> entries, appends <paramref name="records"/> (each with the
    /// outbox id it came from, <paramref name="outboxIds"/>) and removes those pending entries, each of
    /// which must still be pending. Otherwise changes nothing and throws
    /// <see cref="SequencerConflictException"/> saying which check failed.
    /// </summary>
    Task AppendSequencedAsync(string sequencerId, IReadOnlyList<LedgerRecord> records, IReadOnlyList<long> outboxIds, CancellationToken cancellationToken = default);

    /// <summary>The log index the pending entry <paramref name="outboxId"/> was given, or null while it is pending (or unknown).</summary>
    Task<long?> FindSequencedAsync(long outboxId, CancellationToken cancellationToken = default);

    /// <summary>Stores a head the sequencer signed, durably (a head is never stored before the entries it covers are durable).</summary>
    Task StoreTreeHeadAsync(SignedTreeHead head, CancellationToken cancellationToken = default);

    /// <summary>The newest signed tree head, or null.</summary>
    Task<SignedTreeHead?> LatestTreeHeadAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// The log entry whose promised form hashes to <paramref name="entrySha256"/> (what a
    /// <see cref="SignedPromise"/> names), with its inclusion proof under the newest signed head once
    /// one covers it; null while the entry is pending or when no entry has that hash. CT's
    /// get-proof-by-hash, keyed by the promise rather than the leaf (the leaf depends on the index).
    /// </summary>
    Task<Storage.ProvenRecord?> ProvePromisedAsync(byte[] entrySha256, CancellationToken cancellationToken = default);
}
