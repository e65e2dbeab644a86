using Care.Core.Ids;
using Care.Hermes.Ledger;
using Care.Hermes.Tests;
using Care.Trust.Identity;
using Care.Trust.Ledger;
using Care.Trust.Ledger.Entries;

namespace Care.Hermes.Storage.Tests;

/// <summary>
/// The contract of a backend with a transactional ledger outbox (<see cref="ILedgerOutboxStore"/>):
/// acts commit their entries pending, one sequencer includes them in order, every signed promise is
/// honoured (also across a crash between reading the outbox and appending), and a second sequencer
/// is refused. A backend's test class derives from it by saying how to open Hermes on it.
/// </summary>
public abstract class LedgerOutboxContract : BackendContract
{
    private static readonly WearerId Wearer = WearerId.Parse("W-1");

    private ILedgerOutboxStore Outbox => Assert.IsAssignableFrom<ILedgerOutboxStore>(Hermes.Store);

    /// <summary>
    /// Makes the backend's database fail the insert of log entry <paramref name="index"/> (a trigger),
    /// so the sequencer dies in the middle of the batch that holds it, after earlier rows of that batch
    /// were written in its transaction.
    /// </summary>
    protected abstract Task FailAppendOfIndexAsync(long index);

    /// <summary>Removes what <see cref="FailAppendOfIndexAsync"/> installed.</summary>
    protected abstract Task HealAsync();

    /// <summary>Commits <paramref name="count"/> acts, each in its own session, and returns their outbox ids.</summary>
    private async Task<List<long>> CommitActsAsync(int count, int first = 0)
    {
        var ids = new List<long>();
        for (var i = first; i < first + count; i++)
        {
            await using var session = await Hermes.Store.BeginIngestAsync(Cancel);
            ids.Add(await session.AppendLedgerAsync(new RecordAccessed($"tok_{i}", "clinician", Wearer, $"review {i}") { At = Time.GetUtcNow() }));
            await session.CommitAsync();
        }
        return ids;
    }

    /// <summary>The promise given for each pending entry (what the act's caller gets at commit).</summary>
    private async Task<Dictionary<long, SignedPromise>> PromisesAsync()
    {
        var pending = await Outbox.ReadPendingAsync(10_000, Cancel);
        return pending.ToDictionary(p => p.OutboxId, Outbox.Sequencer.Promise);
    }

    /// <summary>Checks that every promise is kept: its entry, once, under a signed head within the delay, with a valid proof.</summary>
    private async Task AssertHonouredAsync(Dictionary<long, SignedPromise> promises)
    {
        var page = await Hermes.Store.ProveWearerAsync(Wearer, -1, 10_000, Cancel);
        Assert.Empty(page.Pending);
        var byIndex = page.Proven.ToDictionary(p => p.Index);
        var used = new HashSet<long>();
        foreach (var (outboxId, promise) in promises)
        {
            Assert.True(promise.Verify(Hermes.Store.LedgerKey));
            long index = await Outbox.FindSequencedAsync(outboxId, Cancel) ?? throw new Xunit.Sdk.XunitException($"outbox entry {outboxId} was never included");
            Assert.True(used.Add(index), $"two promises were honoured by entry {index}");
            var proof = byIndex[index];
            Assert.Equal(ProofCheck.Valid, proof.Check(Hermes.Store.LedgerKey));
            Assert.Null(promise.Check(new LedgerRecord(proof.Index, nameof(RecordAccessed), Wearer.Value, proof.Data, proof.LeafHash), proof.TreeHead));
        }
        Assert.Equal(promises.Count, page.Proven.Count);
    }

    [Fact]
    public async Task Given_committed_acts_When_the_sequencer_runs_Then_every_promise_is_honoured_within_the_delay()
    {
        var ids = await CommitActsAsync(250);
        Assert.Equal(ids.Order(), ids);
        var promises = await PromisesAsync();
        Assert.Equal(250, promises.Count);
        Assert.Equal(0, Outbox.Sequencer.Size);

        Time.Advance(LedgerSequencer.DefaultInterval);
        Assert.Equal(250, await Outbox.Sequencer.SequenceAsync(Cancel));
        Time.Advance(Hermes.TreeHeads.Interval);
        Assert.NotNull(await Hermes.TreeHeads.SignIfDueAsync(Cancel));

        await AssertHonouredAsync(promises);
        Assert.Empty(await Outbox.ReadPendingAsync(10, Cancel));
    }

    [Fact]
    public async Task Given_a_crash_between_reading_the_outbox_and_appending_When_Hermes_restarts_Then_nothing_is_lost_or_doubled()
    {
        await CommitActsAsync(30);
        var crashing = new LedgerSequencer(new CrashBeforeAppend(Outbox), HybridSigningKey.Generate(), Time) { BatchSize = 8 };
        await Assert.ThrowsAsync<IOException>(() => crashing.SequenceAsync(Cancel));
        await CommitActsAsync(20, first: 30);
        var promises = await PromisesAsync();
        Assert.Equal(50, promises.Count);

        // Restart: the crashed sequencer never released its lease, so the new one waits for it to expire.
        await RestartAsync(() =>
        {
            Time.Advance(LedgerSequencer.DefaultLease + TimeSpan.FromMilliseconds(1));
            return Task.CompletedTask;
        });
        Time.Advance(LedgerSequencer.DefaultInterval);
        Assert.Equal(50, await Outbox.Sequencer.SequenceAsync(Cancel));
        Time.Advance(Hermes.TreeHeads.Interval - TimeSpan.FromMilliseconds(1));
        await Hermes.TreeHeads.SignIfDueAsync(Cancel);

        Assert.Equal(50, await Hermes.Store.LedgerSizeAsync(Cancel));
        await AssertHonouredAsync(promises);
    }

    [Fact]
    public async Task Given_a_sequencer_holding_the_ledger_When_a_second_one_starts_Then_it_is_refused_until_the_lease_expires()
    {
        await CommitActsAsync(3);
        Assert.Equal(3, await Outbox.Sequencer.SequenceAsync(Cancel));
        var second = new LedgerSequencer(Outbox, HybridSigningKey.Generate(), Time);
        var refused = await Assert.ThrowsAsync<SequencerConflictException>(() => second.SequenceAsync(Cancel));
        Assert.Contains(Outbox.Sequencer.Id, refused.Message, StringComparison.Ordinal);

        // The first stops renewing (it crashed); once its lease expires the second takes over, and the first is refused.
        await CommitActsAsync(2, first: 3);
        Time.Advance(LedgerSequencer.DefaultLease + TimeSpan.FromSeconds(1));
        Assert.Equal(2, await second.SequenceAsync(Cancel));
        await CommitActsAsync(1, first: 5);
        await Assert.ThrowsAsync<SequencerConflictException>(() => Outbox.Sequencer.SequenceAsync(Cancel));
        Assert.Single(await Outbox.ReadPendingAsync(10, Cancel));
        Assert.Equal(1, await second.SequenceAsync(Cancel));
        Assert.Equal(6, await Hermes.Store.LedgerSizeAsync(Cancel));
    }

    [Fact]
    public async Task Given_an_act_that_needs_its_index_When_it_commits_Then_it_awaits_inclusion_and_gets_the_log_index()
    {
        await CommitActsAsync(4);
        long index = await Hermes.Store.ReleaseModelAsync("glucose-controller", "1.0", new string('a', 64), "board", Time.GetUtcNow(), Cancel);
        Assert.Equal(4, index);
        Assert.Empty(await Outbox.ReadPendingAsync(10, Cancel));
    }

    [Fact]
    public async Task Given_a_sequencer_killed_in_the_middle_of_a_batch_When_Hermes_restarts_Then_the_log_has_no_gap_and_every_promise_is_honoured()
    {
        await CommitActsAsync(30);
        var promises = await PromisesAsync();
        var dying = new LedgerSequencer(Outbox, HybridSigningKey.Generate(), Time) { BatchSize = 8 };
        await FailAppendOfIndexAsync(13);
        await Assert.ThrowsAnyAsync<Exception>(() => dying.SequenceAsync(Cancel));
        // The first batch (0–7) committed; the dying batch (8–15) wrote 8–12 in its transaction and left nothing.
        Assert.Equal(22, (await Outbox.ReadPendingAsync(100, Cancel)).Count);
        await HealAsync();

        // It never released its lease: Hermes restarts, waits for the lease, and its sequencer takes over.
        await RestartAsync(() =>
        {
            Time.Advance(LedgerSequencer.DefaultLease + TimeSpan.FromMilliseconds(1));
            return Task.CompletedTask;
        });
        Assert.Equal(22, await Outbox.Sequencer.SequenceAsync(Cancel));
        Time.Advance(Hermes.TreeHeads.Interval);
        Assert.NotNull(await Hermes.TreeHeads.SignIfDueAsync(Cancel));
        Assert.Equal(30, await Hermes.Store.LedgerSizeAsync(Cancel));
        await AssertHonouredAsync(promises);
    }

    [Fact]
    public async Task Given_an_act_that_crashes_before_commit_When_the_sequencer_runs_Then_its_entry_never_appears_and_the_log_has_no_gap()
    {
        await CommitActsAsync(2);
        await using (var session = await Hermes.Store.BeginIngestAsync(Cancel))
        {
            await session.AppendLedgerAsync(new RecordAccessed("tok_lost", "clinician", Wearer, "never committed") { At = Time.GetUtcNow() });
            // The process dies here: the session ends without a commit.
        }
        await CommitActsAsync(1, first: 2);
        var promises = await PromisesAsync();
        Assert.Equal(3, promises.Count);
        Assert.Equal(3, await Outbox.Sequencer.SequenceAsync(Cancel));
        Time.Advance(Hermes.TreeHeads.Interval);
        await Hermes.TreeHeads.SignIfDueAsync(Cancel);
        await AssertHonouredAsync(promises);
        var page = await Hermes.Store.ProveWearerAsync(Wearer, -1, 100, Cancel);
        Assert.Equal([0L, 1, 2], page.Proven.Select(p => p.Index));
        Assert.DoesNotContain(page.Proven, p => System.Text.Encoding.UTF8.GetString(p.Data).Contains("never committed", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Given_uploads_answered_with_promises_When_Hermes_crashes_and_restarts_Then_every_promise_is_honoured_within_the_delay()
    {
        var devices = new TestDevices(Hermes.Store, Hermes.Recipient.PublicKey);
        var promises = new List<SignedPromise>();
        async Task UploadAsync(int i)
        {
            var result = await Hermes.Ingestor.IngestAsync(await devices.SealAsync(Vitals.Minutes($"W-{i % 3 + 1}", Vitals.Start.AddMinutes(10 * (i / 3)), 10)), Cancel);
            var promise = (result.Promise ?? throw new Xunit.Sdk.XunitException("an upload was answered without a promise")).ToSignedPromise();
            Assert.True(promise.Verify(Hermes.Store.LedgerKey));
            promises.Add(promise);
        }
        for (var i = 0; i < 3; i++)
        {
            await UploadAsync(i);
        }
        // The ledger passes to a sequencer in another process, which then dies holding it: later uploads wait in the outbox.
        await Outbox.Sequencer.ReleaseAsync(Cancel);
        var crashed = new LedgerSequencer(Outbox, HybridSigningKey.Generate(), Time);
        await crashed.SequenceAsync(Cancel);
        for (var i = 3; i < 7; i++)
        {
            await UploadAsync(i);
        }
        Assert.Equal(4, (await Outbox.ReadPendingAsync(100, Cancel)).Count);

        // Hermes restarts at once; its sequencer waits out the dead one's lease, passes, and the next scheduled head covers everything.
        await RestartAsync();
        Time.Advance(LedgerSequencer.DefaultLease + TimeSpan.FromMilliseconds(1));
        Time.Advance(LedgerSequencer.DefaultInterval);
        Assert.Equal(4, await Outbox.Sequencer.SequenceAsync(Cancel));
        Time.Advance(Hermes.TreeHeads.Interval - TimeSpan.FromMilliseconds(2));
        var head = await Hermes.TreeHeads.SignIfDueAsync(Cancel) ?? throw new Xunit.Sdk.XunitException("no head was due");
        Assert.Equal(await Hermes.Store.LedgerSizeAsync(Cancel), head.TreeSize);

        foreach (var promise in promises)
        {
            var kept = await Outbox.ProvePromisedAsync(promise.EntrySha256, Cancel) ?? throw new Xunit.Sdk.XunitException("a promised entry is not in the log");
            var proof = kept.Proof ?? throw new Xunit.Sdk.XunitException($"entry {kept.Record.Index} is not under a signed head");
            Assert.Equal(ProofCheck.Valid, proof.Check(Hermes.Store.LedgerKey));
            Assert.Null(promise.Check(kept.Record, proof.TreeHead));
        }
    }

    /// <summary>A store whose process dies after the sequencer read the outbox and placed the entries, before the append commits.</summary>
    private sealed class CrashBeforeAppend(ILedgerOutboxStore inner) : ILedgerOutboxStore
    {
        public LedgerSequencer Sequencer => inner.Sequencer;

        public Task<(bool Claimed, string? Holder)> TryClaimSequencerAsync(string sequencerId, DateTimeOffset now, TimeSpan lease, CancellationToken cancellationToken = default) =>
            inner.TryClaimSequencerAsync(sequencerId, now, lease, cancellationToken);

        public Task ReleaseSequencerAsync(string sequencerId, CancellationToken cancellationToken = default) => inner.ReleaseSequencerAsync(sequencerId, cancellationToken);

        public IAsyncEnumerable<byte[]> ReadLeafHashesAsync(CancellationToken cancellationToken = default) => inner.ReadLeafHashesAsync(cancellationToken);

        public Task<IReadOnlyList<PendingLedgerEntry>> ReadPendingAsync(int max, CancellationToken cancellationToken = default) => inner.ReadPendingAsync(max, cancellationToken);

        public Task AppendSequencedAsync(string sequencerId, IReadOnlyList<LedgerRecord> records, IReadOnlyList<long> outboxIds, CancellationToken cancellationToken = default) =>
            throw new IOException("the process died before the append committed");

        public Task<long?> FindSequencedAsync(long outboxId, CancellationToken cancellationToken = default) => inner.FindSequencedAsync(outboxId, cancellationToken);

        public Task StoreTreeHeadAsync(SignedTreeHead head, CancellationToken cancellationToken = default) => inner.StoreTreeHeadAsync(head, cancellationToken);

        public Task<SignedTreeHead?> LatestTreeHeadAsync(CancellationToken cancellationToken = default) => inner.LatestTreeHeadAsync(cancellationToken);

        public Task<ProvenRecord?> ProvePromisedAsync(byte[] entrySha256, CancellationToken cancellationToken = default) => inner.ProvePromisedAsync(entrySha256, cancellationToken);
    }
}
