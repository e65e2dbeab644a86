using System.Runtime.CompilerServices;
using Care.Hermes.Ledger;
using Care.Trust.Ledger;

namespace Care.Hermes.Storage.Sqlite;

/// <summary>The outbox and sequencer storage of the SQLite backend (<see cref="ILedgerOutboxStore"/>), each call under the write lock.</summary>
public sealed partial class SqliteHermesStore
{
    /// <inheritdoc/>
    public Task<(bool Claimed, string? Holder)> TryClaimSequencerAsync(string sequencerId, DateTimeOffset now, TimeSpan lease, CancellationToken cancellationToken = default) =>
        WriteLockedAsync(() => _ledger.TryClaimSequencer(sequencerId, now, lease), cancellationToken);

    /// <inheritdoc/>
    public Task ReleaseSequencerAsync(string sequencerId, CancellationToken cancellationToken = default) =>
        WriteLockedAsync(() =>
        {
            _ledger.ReleaseSequencer(sequencerId);
            return 0;
        }, cancellationToken);

    /// <inheritdoc/>
    public async IAsyncEnumerable<byte[]> ReadLeafHashesAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        foreach (var leaf in await WriteLockedAsync(() => _ledger.LeafHashes(), cancellationToken))
        {
            yield return leaf;
        }
    }

    /// <inheritdoc/>
    public Task<IReadOnlyList<PendingLedgerEntry>> ReadPendingAsync(int max, CancellationToken cancellationToken = default) =>
        WriteLockedAsync(() => _ledger.ReadPending(max), cancellationToken);

    /// <inheritdoc/>
    public Task AppendSequencedAsync(string sequencerId, IReadOnlyList<LedgerRecord> records, IReadOnlyList<long> outboxIds, CancellationToken cancellationToken = default) =>
        WriteLockedAsync(() =>
        {
            _ledger.AppendSequenced(sequencerId, records, outboxIds);
            return 0;
        }, cancellationToken);

    /// <inheritdoc/>
    public Task<long?> FindSequencedAsync(long outboxId, CancellationToken cancellationToken = default) =>
        WriteLockedAsync(() => _ledger.FindSequenced(outboxId), cancellationToken);

    /// <inheritdoc/>
    public Task StoreTreeHeadAsync(SignedTreeHead head, CancellationToken cancellationToken = default) =>
        WriteLockedAsync(() =>
        {
            _ledger.StoreTreeHead(head);
            return 0;
        }, cancellationToken);

    /// <inheritdoc/>
    public async Task<Storage.ProvenRecord?> ProvePromisedAsync(byte[] entrySha256, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entrySha256);
        await Sequencer.SequenceOrLeaveAsync(cancellationToken);
        return await WriteLockedAsync(() => _ledger.FindPromised(entrySha256) is { } index ? new Storage.ProvenRecord(_ledger.Read(index), _ledger.Prove(index)) : null, cancellationToken);
    }

    /// <summary>Entries waiting in the outbox.</summary>
    public Task<long> PendingLedgerEntriesAsync(CancellationToken cancellationToken = default) =>
        WriteLockedAsync(() => _ledger.PendingCount, cancellationToken);
}
