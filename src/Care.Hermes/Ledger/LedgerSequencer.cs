using Care.Trust.Identity;
using Care.Trust.Ledger;

namespace Care.Hermes.Ledger;

/// <summary>
/// The ledger's one sequencer (Certificate Transparency's design): acts commit their entries to an
/// outbox (<see cref="ILedgerOutboxStore"/>); the sequencer drains them in commit order, gives each
/// the next index and the root of the log before it (<see cref="PromisedForm.Place"/>), appends them
/// in batches of <see cref="BatchSize"/> in one transaction, keeps the Merkle tree, and signs tree
/// heads. One sequencer per ledger: it holds a lease in the store, renewed as it works; a second
/// one is refused with <see cref="SequencerConflictException"/> until the lease is released or
/// expires. A crash between reading the outbox and appending loses nothing (the entries stay
/// pending) and doubles nothing (the append removes exactly the entries it placed, in the same
/// transaction). Backend-neutral; thread safe (one pass at a time; callers queue, so concurrent acts
/// share one batch — group commit).
/// </summary>
public sealed class LedgerSequencer
{
    /// <summary>Default batch: 100 entries per append transaction.</summary>
    public const int DefaultBatchSize = 100;

    /// <summary>Default time between two background passes (the sequencing part of the merge delay): 1 second.</summary>
    public static readonly TimeSpan DefaultInterval = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Default lease: 5 seconds, renewed every pass (a crashed sequencer blocks a successor at most
    /// this long, so the lease is part of the maximum merge delay).
    /// </summary>
    public static readonly TimeSpan DefaultLease = TimeSpan.FromSeconds(5);

    private const int RecentCapacity = 1 << 16;

    private readonly ILedgerOutboxStore _store;
    private readonly HybridSigningKey _key;
    private readonly TimeProvider _time;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Dictionary<long, long> _recent = [];
    private readonly Queue<long> _recentOrder = new();
    private MerkleTree? _tree;
    private DateTimeOffset _leaseRenewed = DateTimeOffset.MinValue;

    /// <summary>Creates the sequencer over <paramref name="store"/>, signing heads and promises with <paramref name="key"/>.</summary>
    public LedgerSequencer(ILedgerOutboxStore store, HybridSigningKey key, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(time);
        _store = store;
        _key = key;
        _time = time;
    }

    /// <summary>This sequencer's lease name: host, process and a random part (no personal data).</summary>
    public string Id { get; } = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid():N}"[..^24];

    /// <summary>Entries per append transaction (1–10,000).</summary>
    public int BatchSize { get; init; } = DefaultBatchSize;

    /// <summary>How long a lease lasts without renewal.</summary>
    public TimeSpan Lease { get; init; } = DefaultLease;

    /// <summary>
    /// The maximum merge delay this log promises: an entry committed at t is under a signed tree head
    /// by t + this. It is the lease (a crashed sequencer's successor waits for it to expire), one
    /// background pass and one tree-head interval: default 5 + 1 + 10 = 16 s. Set once by the composition.
    /// </summary>
    public TimeSpan MaximumMergeDelay { get; set; } = DefaultLease + DefaultInterval + TimeSpan.FromSeconds(10);

    /// <summary>Entries in the log as this sequencer last saw it (0 before its first pass).</summary>
    public long Size => _tree?.Size ?? 0;

    /// <summary>Signs the promise for a pending entry (its promised form, committed at <see cref="PendingLedgerEntry.CommittedAt"/>).</summary>
    public SignedPromise Promise(PendingLedgerEntry pending)
    {
        ArgumentNullException.ThrowIfNull(pending);
        return SignedPromise.Sign(_key, pending.Promised, pending.CommittedAt, MaximumMergeDelay);
    }

    /// <summary>
    /// Signs the promise for <paramref name="entry"/>, whose act committed at (or just before)
    /// <paramref name="committedAt"/>: what an act's caller gets at once.
    /// </summary>
    public SignedPromise Promise(Trust.Ledger.Entries.LedgerEntry entry, DateTimeOffset committedAt)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return SignedPromise.Sign(_key, entry.ToPromisedJson(), committedAt, MaximumMergeDelay);
    }

    /// <summary>
    /// Drains the outbox: appends every committed pending entry, in batches. Returns how many were
    /// appended. Throws <see cref="SequencerConflictException"/> when another sequencer holds the lease.
    /// </summary>
    public async Task<long> SequenceAsync(CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            return await SequenceLockedAsync(cancellationToken);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// Before a read of the log: sequences what is pending, so a caller reads its own acts; when
    /// another sequencer holds the ledger (another process), reads what that one appended instead.
    /// </summary>
    public async Task SequenceOrLeaveAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            await SequenceAsync(cancellationToken);
        }
        catch (SequencerConflictException)
        {
            // Not ours to sequence now; the holder includes pending entries within the merge delay.
        }
    }

    /// <summary>
    /// Waits until the pending entry <paramref name="outboxId"/> is in the log and returns its index:
    /// runs a pass itself (joining any running one), or, when another process's sequencer holds the
    /// lease, waits for that one, at most <see cref="MaximumMergeDelay"/> (then <see cref="TimeoutException"/>).
    /// </summary>
    public async Task<long> AwaitInclusionAsync(long outboxId, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(outboxId, 1);
        lock (_recent)
        {
            if (_recent.TryGetValue(outboxId, out long index))
            {
                return index;
            }
        }
        try
        {
            await SequenceAsync(cancellationToken);
        }
        catch (SequencerConflictException)
        {
            // Another process sequences this ledger: it includes the entry within the merge delay.
            // Real elapsed time, not the injected clock: this waits on another process, not on simulated time.
            var waited = System.Diagnostics.Stopwatch.StartNew();
            while (waited.Elapsed < MaximumMergeDelay)
            {
                if (await _store.FindSequencedAsync(outboxId, cancellationToken) is { } theirs)
                {
                    return theirs;
                }
                await Task.Delay(TimeSpan.FromMilliseconds(20), cancellationToken);
            }
            throw new TimeoutException($"ledger outbox entry {outboxId} was not included within {MaximumMergeDelay.TotalSeconds:0.#} s by the sequencer that holds the ledger");
        }
        lock (_recent)
        {
            if (_recent.TryGetValue(outboxId, out long index))
            {
                return index;
            }
        }
        return await _store.FindSequencedAsync(outboxId, cancellationToken)
            ?? throw new InvalidOperationException($"ledger outbox entry {outboxId} is neither pending nor in the log (was its act committed?)");
    }

    /// <summary>
    /// Sequences what is pending, then signs a head over the whole log when one is due: entries were
    /// appended since the latest head and it is at least <paramref name="minInterval"/> old. Heads
    /// never go back in time. Returns the new head, or null when none was due, or when another
    /// process's sequencer holds the ledger (signing its heads is that one's work; an act that ends
    /// with this call has committed and must not fail for it).
    /// </summary>
    public async Task<SignedTreeHead?> SignTreeHeadIfDueAsync(TimeSpan minInterval, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(minInterval, TimeSpan.Zero);
        try
        {
            return await SignAsync(minInterval, cancellationToken);
        }
        catch (SequencerConflictException)
        {
            return null;
        }
    }

    /// <summary>Sequences what is pending and signs a head over the whole log now (the latest one when nothing was appended since).</summary>
    public async Task<SignedTreeHead> SignTreeHeadAsync(CancellationToken cancellationToken = default) =>
        (await SignAsync(null, cancellationToken))!;

    /// <summary>Gives up the lease (a clean stop); the next sequencer need not wait for it to expire.</summary>
    public async Task ReleaseAsync(CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (_tree is not null)
            {
                await _store.ReleaseSequencerAsync(Id, cancellationToken);
                _tree = null;
                _leaseRenewed = DateTimeOffset.MinValue;
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<SignedTreeHead?> SignAsync(TimeSpan? minInterval, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            await SequenceLockedAsync(cancellationToken);
            var tree = _tree!;
            var latest = await _store.LatestTreeHeadAsync(cancellationToken);
            var now = _time.GetUtcNow();
            if (latest is not null && latest.TreeSize == tree.Size)
            {
                return minInterval is null ? latest : null;
            }
            if (minInterval is { } interval && (tree.Size == 0 || (latest is not null && now - latest.Timestamp < interval)))
            {
                return null;
            }
            // A head never goes back in time, even if the clock does: witnesses read time order as size order.
            var head = SignedTreeHead.Sign(_key, tree.Size, tree.Root(tree.Size), latest is not null && now < latest.Timestamp ? latest.Timestamp : now);
            await _store.StoreTreeHeadAsync(head, cancellationToken);
            return head;
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<long> SequenceLockedAsync(CancellationToken cancellationToken)
    {
        await ClaimAsync(cancellationToken);
        var tree = _tree!;
        long appended = 0;
        while (true)
        {
            var pending = await _store.ReadPendingAsync(BatchSize, cancellationToken);
            if (pending.Count == 0)
            {
                return appended;
            }
            var records = new LedgerRecord[pending.Count];
            var ids = new long[pending.Count];
            long first = tree.Size;
            for (var i = 0; i < pending.Count; i++)
            {
                long index = first + i;
                var data = PromisedForm.Place(pending[i].Promised, index, tree.Root(index));
                var leaf = MerkleHash.Leaf(data);
                records[i] = new LedgerRecord(index, pending[i].Kind, pending[i].Wearer, data, leaf);
                ids[i] = pending[i].OutboxId;
                tree.Append(leaf);
            }
            try
            {
                await _store.AppendSequencedAsync(Id, records, ids, CancellationToken.None);
            }
            catch
            {
                // The tree ran ahead of the log: rebuild it from the store on the next pass.
                _tree = null;
                _leaseRenewed = DateTimeOffset.MinValue;
                throw;
            }
            appended += records.Length;
            Remember(ids, first);
        }
    }

    /// <summary>Claims or renews the lease (renewed when a third of it has passed) and loads the tree on the first pass.</summary>
    private async Task ClaimAsync(CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        if (_tree is null || now - _leaseRenewed >= Lease / 3)
        {
            var (claimed, holder) = await _store.TryClaimSequencerAsync(Id, now, Lease, cancellationToken);
            if (!claimed)
            {
                _tree = null;
                throw new SequencerConflictException($"another sequencer ({holder}) holds this ledger; one sequencer per ledger");
            }
            _leaseRenewed = now;
        }
        if (_tree is null)
        {
            var tree = new MerkleTree();
            await foreach (var leaf in _store.ReadLeafHashesAsync(cancellationToken))
            {
                tree.Append(leaf);
            }
            _tree = tree;
        }
    }

    private void Remember(long[] ids, long firstIndex)
    {
        lock (_recent)
        {
            for (var i = 0; i < ids.Length; i++)
            {
                _recent[ids[i]] = firstIndex + i;
                _recentOrder.Enqueue(ids[i]);
                if (_recentOrder.Count > RecentCapacity)
                {
                    _recent.Remove(_recentOrder.Dequeue());
                }
            }
        }
    }
}
