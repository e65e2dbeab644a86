using Care.Hermes.Ledger;
using Care.Hermes.Storage.Postgres.Ledger;
using Care.Trust.Ledger;

namespace Care.Hermes.Storage.Postgres;

/// <summary>The outbox and sequencer storage of the PostgreSQL backend (<see cref="ILedgerOutboxStore"/>; SQL in <see cref="PostgresLedgerOutbox"/>).</summary>
public sealed partial class PostgresHermesStore : ILedgerOutboxStore
{
    /// <inheritdoc/>
    public LedgerSequencer Sequencer { get; }

    /// <inheritdoc/>
    public Task<(bool Claimed, string? Holder)> TryClaimSequencerAsync(string sequencerId, DateTimeOffset now, TimeSpan lease, CancellationToken cancellationToken = default) =>
        PostgresLedgerOutbox.TryClaimAsync(_data, sequencerId, now, lease, cancellationToken);

    /// <inheritdoc/>
    public Task ReleaseSequencerAsync(string sequencerId, CancellationToken cancellationToken = default) =>
        PostgresLedgerOutbox.ReleaseAsync(_data, sequencerId, cancellationToken);

    /// <inheritdoc/>
    public IAsyncEnumerable<byte[]> ReadLeafHashesAsync(CancellationToken cancellationToken = default) =>
        PostgresLedgerOutbox.LeafHashesAsync(_data, cancellationToken);

    /// <inheritdoc/>
    public Task<IReadOnlyList<PendingLedgerEntry>> ReadPendingAsync(int max, CancellationToken cancellationToken = default) =>
        PostgresLedgerOutbox.ReadPendingAsync(_data, max, cancellationToken);

    /// <inheritdoc/>
    public Task AppendSequencedAsync(string sequencerId, IReadOnlyList<LedgerRecord> records, IReadOnlyList<long> outboxIds, CancellationToken cancellationToken = default) =>
        PostgresLedgerOutbox.AppendSequencedAsync(_data, sequencerId, records, outboxIds, cancellationToken);

    /// <inheritdoc/>
    public Task<long?> FindSequencedAsync(long outboxId, CancellationToken cancellationToken = default) =>
        PostgresLedgerOutbox.FindSequencedAsync(_data, outboxId, cancellationToken);

    /// <inheritdoc/>
    public Task StoreTreeHeadAsync(SignedTreeHead head, CancellationToken cancellationToken = default) =>
        PostgresLedgerOutbox.StoreTreeHeadAsync(_data, head, cancellationToken);

    /// <inheritdoc/>
    public async Task<ProvenRecord?> ProvePromisedAsync(byte[] entrySha256, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entrySha256);
        await Sequencer.SequenceOrLeaveAsync(cancellationToken);
        return await ProveNewestAsync("SELECT idx FROM ledger_entries WHERE promised_sha256 = $1 ORDER BY idx LIMIT 1", [entrySha256], cancellationToken);
    }

    /// <summary>Entries waiting in the outbox.</summary>
    public Task<long> PendingLedgerEntriesAsync(CancellationToken cancellationToken = default) =>
        PostgresLedgerOutbox.PendingCountAsync(_data, cancellationToken);
}
