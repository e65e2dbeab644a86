using Care.Trust.Ledger;
using Care.Hermes.Storage.Sqlite.Ledger;

namespace Care.Trust.Tests.Ledger;

public sealed class LedgerTamperTests
{
    private static (TempLedger Temp, SqliteLedgerStore Store) Build()
    {
        var temp = new TempLedger();
        var store = temp.Open();
        store.AppendBatch([.. Enumerable.Range(0, 8).Select(TempLedger.Entry)]);
        store.PublishTreeHead();
        store.AppendBatch([.. Enumerable.Range(8, 8).Select(TempLedger.Entry)]);
        store.PublishTreeHead();
        return (temp, store);
    }

    private static LedgerVerification VerifyAfter(TempLedger temp, SqliteLedgerStore store, string attack)
    {
        temp.Attack(attack);
        return TempLedger.Verify(store.Connection, store.PublicKey!);
    }

    [Fact]
    public void Untouched_log_verifies()
    {
        var (temp, store) = Build();
        using (temp)
        using (store)
        {
            var result = TempLedger.Verify(store.Connection, store.PublicKey!);
            Assert.True(result.IsValid, result.Problem);
            Assert.Equal(16, result.Entries);
            Assert.Equal(2, result.TreeHeads);
        }
    }

    [Fact]
    public void Changed_entry_data_is_reported_at_that_entry()
    {
        var (temp, store) = Build();
        using (temp)
        using (store)
        {
            var result = VerifyAfter(temp, store, "UPDATE ledger_entries SET data = CAST(replace(CAST(data AS TEXT), '298.7', '398.7') AS BLOB) WHERE idx = 8");
            Assert.False(result.IsValid);
            Assert.Equal(8, result.FirstBadEntry);
            Assert.Contains("modified", result.Problem, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Changed_entry_with_a_recomputed_leaf_hash_is_caught_by_the_signed_tree_head()
    {
        var (temp, store) = Build();
        using (temp)
        using (store)
        {
            var record = store.Read(9);
            var forged = System.Text.Encoding.UTF8.GetBytes(record.EntryTextReplace("1.9", "6.6"));
            var hash = Convert.ToHexString(MerkleHash.Leaf(forged));
            var result = VerifyAfter(temp, store, $"UPDATE ledger_entries SET data = X'{Convert.ToHexString(forged)}', leaf_hash = X'{hash}' WHERE idx = 9");
            Assert.False(result.IsValid);
            // Entry 10 committed to the log before it, so the rewritten entry is named exactly (it was 8, the head's range start, before).
            Assert.Equal(9, result.FirstBadEntry);
            Assert.Contains("entry 9 was changed", result.Problem, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Swapped_entries_are_reported_as_reordered()
    {
        var (temp, store) = Build();
        using (temp)
        using (store)
        {
            var result = VerifyAfter(temp, store,
                "UPDATE ledger_entries SET idx = -1 WHERE idx = 3; UPDATE ledger_entries SET idx = 3 WHERE idx = 5; UPDATE ledger_entries SET idx = 5 WHERE idx = -1;");
            Assert.False(result.IsValid);
            Assert.Equal(3, result.FirstBadEntry);
            Assert.Contains("reordered", result.Problem, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Truncated_log_is_reported()
    {
        var (temp, store) = Build();
        using (temp)
        using (store)
        {
            var result = VerifyAfter(temp, store, "DELETE FROM ledger_entries WHERE idx >= 12");
            Assert.False(result.IsValid);
            Assert.Equal(12, result.FirstBadEntry);
            Assert.Contains("truncated", result.Problem, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Deleted_middle_entry_is_reported_as_missing()
    {
        var (temp, store) = Build();
        using (temp)
        using (store)
        {
            var result = VerifyAfter(temp, store, "DELETE FROM ledger_entries WHERE idx = 4");
            Assert.False(result.IsValid);
            Assert.Equal(4, result.FirstBadEntry);
            Assert.Contains("missing", result.Problem, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Forged_tree_head_signature_is_reported()
    {
        var (temp, store) = Build();
        using (temp)
        using (store)
        {
            var result = VerifyAfter(temp, store, "UPDATE ledger_tree_heads SET timestamp_ms = timestamp_ms + 1 WHERE tree_size = 16");
            Assert.False(result.IsValid);
            Assert.Contains("signature does not verify", result.Problem, StringComparison.Ordinal);
        }
    }
}
