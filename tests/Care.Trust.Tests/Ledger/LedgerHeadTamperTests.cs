using Care.Trust.Ledger;
using Microsoft.Extensions.Time.Testing;
using Care.Hermes.Storage.Sqlite.Ledger;

namespace Care.Trust.Tests.Ledger;

/// <summary>The attacks the first hostile test found unseen: rewrites with recomputed hashes, deleted newest entries, forks.</summary>
public sealed class LedgerHeadTamperTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 1, 8, 0, 0, TimeSpan.Zero);

    private static SqliteLedgerStore Build(TempLedger temp, FakeTimeProvider clock, params int[] headsAt)
    {
        var store = SqliteLedgerStore.OpenFile(temp.DatabasePath, clock);
        int next = 0;
        foreach (int size in headsAt)
        {
            store.AppendBatch([.. Enumerable.Range(next, size - next).Select(TempLedger.Entry)]);
            next = size;
            clock.Advance(TimeSpan.FromMinutes(1));
            store.PublishTreeHead();
        }
        return store;
    }

    private static void Rewrite(TempLedger temp, SqliteLedgerStore store, long index, string from, string to)
    {
        var forged = System.Text.Encoding.UTF8.GetBytes(store.Read(index).EntryTextReplace(from, to));
        temp.Attack($"UPDATE ledger_entries SET data = X'{Convert.ToHexString(forged)}', leaf_hash = X'{Convert.ToHexString(MerkleHash.Leaf(forged))}' WHERE idx = {index}");
    }

    [Fact]
    public void The_newest_entry_rewritten_with_a_recomputed_hash_is_named_even_though_nothing_follows_it()
    {
        using var temp = new TempLedger();
        using var store = Build(temp, new FakeTimeProvider(T0), 8, 16);
        Rewrite(temp, store, 15, "release-board", "release-bored");
        var result = TempLedger.Verify(store.Connection, store.PublicKey!);
        Assert.False(result.IsValid);
        Assert.Equal(15, result.FirstBadEntry);
        Assert.Contains("entry 15 was changed", result.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Entry_3_rewritten_is_named_as_entry_3_not_the_start_of_its_heads_range()
    {
        using var temp = new TempLedger();
        using var store = Build(temp, new FakeTimeProvider(T0), 10);
        Rewrite(temp, store, 3, "1.3", "9.3");
        var result = TempLedger.Verify(store.Connection, store.PublicKey!);
        Assert.False(result.IsValid);
        Assert.Equal(3, result.FirstBadEntry);
    }

    [Fact]
    public void Several_entries_rewritten_with_a_recomputed_chain_are_still_caught_by_the_signed_head_and_bounded_by_it()
    {
        using var temp = new TempLedger();
        var clock = new FakeTimeProvider(T0);
        using var store = Build(temp, clock, 8, 16);
        // The attacker rewrites entries 10..15 and recomputes every hash and every prevRoot after 10.
        var tree = new MerkleTree();
        for (long i = 0; i < 10; i++)
        {
            tree.Append(store.Read(i).LeafHash);
        }
        for (int i = 10; i < 16; i++)
        {
            var entry = TempLedger.Entry(i) with { At = T0.AddYears(1) };
            var data = entry.ToCanonicalJson(i, tree.Root(i));
            temp.Attack($"UPDATE ledger_entries SET data = X'{Convert.ToHexString(data)}', leaf_hash = X'{Convert.ToHexString(MerkleHash.Leaf(data))}' WHERE idx = {i}");
            tree.Append(MerkleHash.Leaf(data));
        }
        var result = TempLedger.Verify(store.Connection, store.PublicKey!);
        Assert.False(result.IsValid);
        Assert.InRange(result.FirstBadEntry!.Value, 8, 15);
        Assert.Contains("[8, 16)", result.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Deleting_the_newest_entries_is_reported_as_a_truncation()
    {
        using var temp = new TempLedger();
        using var store = Build(temp, new FakeTimeProvider(T0), 8, 20);
        temp.Attack("DELETE FROM ledger_entries WHERE idx >= 15");
        var result = TempLedger.Verify(store.Connection, store.PublicKey!);
        Assert.False(result.IsValid);
        Assert.Equal(15, result.FirstBadEntry);
        Assert.Contains("truncated", result.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Deleting_the_newest_entries_and_their_heads_passes_alone_but_a_witnessed_head_catches_it()
    {
        using var temp = new TempLedger();
        using var store = Build(temp, new FakeTimeProvider(T0), 8, 20);
        var witnessed = store.LatestTreeHead()!;
        temp.Attack("DELETE FROM ledger_entries WHERE idx >= 15; DELETE FROM ledger_tree_heads WHERE tree_size > 8");
        // Alone, the shortened log is self-consistent: that is what witnesses are for.
        Assert.True(TempLedger.Verify(store.Connection, store.PublicKey!).IsValid);
        var result = TempLedger.Verify(store.Connection, store.PublicKey!, [witnessed]);
        Assert.False(result.IsValid);
        Assert.Equal(15, result.FirstBadEntry);
        Assert.Contains("witnessed tree head", result.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Two_heads_of_one_size_with_different_roots_are_a_fork()
    {
        using var temp = new TempLedger();
        using var store = Build(temp, new FakeTimeProvider(T0), 8);
        var genuine = store.LatestTreeHead()!;
        using var otherTemp = new TempLedger();
        File.Copy(LedgerKeyFile.PrivatePath(temp.DatabasePath), LedgerKeyFile.PrivatePath(otherTemp.DatabasePath));
        File.Copy(LedgerKeyFile.PublicPath(temp.DatabasePath), LedgerKeyFile.PublicPath(otherTemp.DatabasePath));
        using var other = SqliteLedgerStore.OpenFile(otherTemp.DatabasePath, new FakeTimeProvider(T0));
        other.AppendBatch([.. Enumerable.Range(100, 8).Select(TempLedger.Entry)]);
        var forked = other.PublishTreeHead();
        Assert.Equal(genuine.TreeSize, forked.TreeSize);
        var result = TempLedger.Verify(store.Connection, store.PublicKey!, [forked]);
        Assert.False(result.IsValid);
        Assert.Contains("fork", result.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Entries_after_the_newest_head_are_reported_and_heads_are_bounded_to_one_per_interval()
    {
        using var temp = new TempLedger();
        var clock = new FakeTimeProvider(T0);
        using var store = Build(temp, clock, 5);
        store.AppendBatch([.. Enumerable.Range(5, 3).Select(TempLedger.Entry)]);
        Assert.Null(store.PublishTreeHeadIfDue(TimeSpan.FromSeconds(10)));
        var result = TempLedger.Verify(store.Connection, store.PublicKey!);
        Assert.True(result.IsValid, result.Problem);
        Assert.Equal(3, result.Unsigned);
        Assert.Equal(5, result.NewestHead!.TreeSize);
        clock.Advance(TimeSpan.FromSeconds(10));
        Assert.Equal(8, store.PublishTreeHeadIfDue(TimeSpan.FromSeconds(10))!.TreeSize);
        clock.Advance(TimeSpan.FromSeconds(60));
        Assert.Null(store.PublishTreeHeadIfDue(TimeSpan.FromSeconds(10))); // nothing new: no head
        Assert.Equal(2, store.TreeHeads().Count);
        Assert.Equal(8, store.Prove(7)!.TreeHead.TreeSize);
    }

    [Fact]
    public void A_head_that_claims_a_later_size_with_an_earlier_time_is_reported()
    {
        using var temp = new TempLedger();
        var clock = new FakeTimeProvider(T0);
        using var store = Build(temp, clock, 4, 8);
        var early = store.TreeHeads()[0];
        // An operator with the key back-dates the head of size 8 to before the head of size 4.
        var backdated = SignedTreeHead.Sign(LedgerKeyFile.LoadOrCreate(temp.DatabasePath), 8, store.Root(8), early.Timestamp.AddMinutes(-5));
        temp.Attack($"DELETE FROM ledger_tree_heads WHERE tree_size = 8; INSERT INTO ledger_tree_heads (tree_size, root, timestamp_ms, key_id, signature) VALUES (8, X'{Convert.ToHexString(backdated.RootHash)}', {backdated.Timestamp.ToUnixTimeMilliseconds()}, '{backdated.KeyId}', X'{Convert.ToHexString(backdated.Signature)}')");
        var result = TempLedger.Verify(store.Connection, store.PublicKey!);
        Assert.False(result.IsValid);
        Assert.Contains("before the head at size 4", result.Problem, StringComparison.Ordinal);
    }
}
