using Care.Core.Errors;
using Care.Core.Ids;
using Care.Trust.Identity;
using Care.Trust.Ledger;
using Microsoft.Data.Sqlite;
using Care.Hermes.Storage.Sqlite.Ledger;

namespace Care.Trust.Tests.Ledger;

public sealed class LedgerStoreTests
{
    [Fact]
    public void Appended_entries_get_consecutive_indices_and_the_root_matches_an_independent_tree()
    {
        using var temp = new TempLedger();
        using var store = temp.Open();
        var indices = store.AppendBatch([.. Enumerable.Range(0, 13).Select(TempLedger.Entry)]);
        Assert.Equal(Enumerable.Range(0, 13).Select(i => (long)i), indices);
        var independent = new MerkleTree();
        for (var i = 0; i < 13; i++)
        {
            // Each entry commits to the root of the log before it.
            independent.Append(MerkleHash.Leaf(TempLedger.Entry(i).ToCanonicalJson(i, independent.Root(i))));
        }
        Assert.Equal(independent.Root(13), store.Root(13));
        Assert.Equal(13, store.Size);
    }

    [Fact]
    public void Proof_of_an_entry_checks_offline_and_survives_a_json_round_trip()
    {
        using var temp = new TempLedger();
        using var store = temp.Open();
        store.AppendBatch([.. Enumerable.Range(0, 10).Select(TempLedger.Entry)]);
        store.PublishTreeHead();
        var document = store.Prove(7)!;
        Assert.Equal(10, document.TreeHead.TreeSize);
        var publicKey = LedgerKeyFile.ReadPublic(LedgerKeyFile.PublicPath(temp.DatabasePath));
        Assert.True(document.Check(publicKey).IsValid);
        var parsed = InclusionProofDocument.Parse(document.ToJson(), "proof.json");
        var check = parsed.Check(publicKey);
        Assert.True(check.IsValid, check.Failure);
        Assert.Contains("\"kind\":\"DosePlanIssued\"", parsed.EntryText, StringComparison.Ordinal);
    }

    [Fact]
    public void Proof_is_rejected_with_another_key_or_a_changed_entry_or_path()
    {
        using var temp = new TempLedger();
        using var store = temp.Open();
        store.AppendBatch([.. Enumerable.Range(0, 10).Select(TempLedger.Entry)]);
        store.PublishTreeHead();
        var document = store.Prove(3)!;
        Assert.False(document.Check(HybridSigningKey.Generate().PublicKey).IsValid);
        var changedData = (byte[])document.Data.Clone();
        changedData[^3] ^= 1;
        Assert.False((document with { Data = changedData, LeafHash = MerkleHash.Leaf(changedData) }).Check(store.PublicKey!).IsValid);
        var changedPath = document.Proof.Select(p => (byte[])p.Clone()).ToList();
        changedPath[1][0] ^= 0x80;
        Assert.False((document with { Proof = changedPath }).Check(store.PublicKey!).IsValid);
        Assert.False((document with { Index = 4 }).Check(store.PublicKey!).IsValid);
    }

    [Fact]
    public void Consistency_between_two_signed_tree_heads_verifies_and_a_rewritten_history_does_not()
    {
        using var temp = new TempLedger();
        using var store = temp.Open();
        store.AppendBatch([.. Enumerable.Range(0, 6).Select(TempLedger.Entry)]);
        var old = store.PublishTreeHead();
        store.AppendBatch([.. Enumerable.Range(6, 11).Select(TempLedger.Entry)]);
        var current = store.PublishTreeHead();
        var proof = store.ConsistencyProof(old.TreeSize, current.TreeSize);
        Assert.True(MerkleVerifier.VerifyConsistency((ulong)old.TreeSize, (ulong)current.TreeSize, old.RootHash, current.RootHash, proof).IsValid);
        var forged = MerkleHash.Leaf("forged"u8);
        Assert.False(MerkleVerifier.VerifyConsistency((ulong)old.TreeSize, (ulong)current.TreeSize, forged, current.RootHash, proof).IsValid);
    }

    [Fact]
    public void Entry_and_a_callers_row_commit_together_in_one_transaction_and_roll_back_together()
    {
        using var temp = new TempLedger();
        using var connection = new SqliteConnection($"Data Source={temp.DatabasePath};Pooling=False");
        connection.Open();
        using (var create = connection.CreateCommand())
        {
            create.CommandText = "CREATE TABLE hermes_acts (id INTEGER PRIMARY KEY, what TEXT)";
            create.ExecuteNonQuery();
        }
        using var store = SqliteLedgerStore.Open(connection, HybridSigningKey.Generate());
        void Act(bool commit)
        {
            using var transaction = connection.BeginTransaction();
            using var insert = connection.CreateCommand();
            insert.Transaction = transaction;
            insert.CommandText = "INSERT INTO hermes_acts (what) VALUES ('fill')";
            insert.ExecuteNonQuery();
            store.Append(TempLedger.Entry(2), transaction);
            if (commit)
            {
                transaction.Commit();
            }
            else
            {
                transaction.Rollback();
            }
        }
        Act(commit: true);
        Assert.Equal(1, store.Size);
        Act(commit: false);
        Assert.Equal(1, store.Size);
        Act(commit: true);
        Assert.Equal(2, store.Size);
        using var count = connection.CreateCommand();
        count.CommandText = "SELECT COUNT(*) FROM hermes_acts";
        Assert.Equal(2L, count.ExecuteScalar());
        Assert.True(TempLedger.Verify(connection, store.PublicKey!).IsValid);
    }

    [Fact]
    public void Opening_twice_is_idempotent_and_creates_only_ledger_tables()
    {
        using var temp = new TempLedger();
        using (var first = temp.Open())
        {
            first.Append(TempLedger.Entry(0));
        }
        using var second = temp.Open();
        Assert.Equal(1, second.Size);
        using var names = second.Connection.CreateCommand();
        names.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name";
        using var reader = names.ExecuteReader();
        var tables = new List<string>();
        while (reader.Read())
        {
            tables.Add(reader.GetString(0));
        }
        Assert.Equal(["ledger_entries", "ledger_outbox", "ledger_schema", "ledger_sequencer", "ledger_tree_heads", "sqlite_sequence"], tables);
    }

    [Fact]
    public void Key_file_is_created_owner_only_and_reloaded_with_the_same_key()
    {
        using var temp = new TempLedger();
        HybridVerificationKey first;
        using (var store = temp.Open())
        {
            first = store.PublicKey!;
        }
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(LedgerKeyFile.PrivatePath(temp.DatabasePath)));
        }
        using var again = temp.Open();
        Assert.Equal(first, again.PublicKey);
        Assert.Equal(first, LedgerKeyFile.ReadPublic(LedgerKeyFile.PublicPath(temp.DatabasePath)));
    }

    [Fact]
    public void Updating_or_deleting_an_entry_through_sql_is_refused_by_the_append_only_triggers()
    {
        using var temp = new TempLedger();
        using var store = temp.Open();
        store.Append(TempLedger.Entry(0));
        using var update = store.Connection.CreateCommand();
        update.CommandText = "UPDATE ledger_entries SET kind = 'x'";
        Assert.Throws<SqliteException>(() => update.ExecuteNonQuery());
        update.CommandText = "DELETE FROM ledger_entries";
        Assert.Throws<SqliteException>(() => update.ExecuteNonQuery());
    }

    [Fact]
    public void Entries_for_a_wearer_are_exactly_the_acts_about_them()
    {
        using var temp = new TempLedger();
        using var store = temp.Open();
        store.AppendBatch([.. Enumerable.Range(0, 12).Select(TempLedger.Entry)]);
        var w1 = store.EntriesFor(WearerId.Parse("w-1"));
        Assert.Equal([1L, 2, 7, 8], w1.Select(r => r.Index));
        Assert.Equal(["DosePlanIssued", "CartridgeFilled", "DosePlanIssued", "CartridgeFilled"], w1.Select(r => r.Kind));
        Assert.Equal([5L, 11], store.EntriesFor(WearerId.Parse("w-2")).Select(r => r.Index));
    }

    [Fact]
    public void Entries_of_a_transaction_that_never_committed_are_absent_after_reopening()
    {
        using var temp = new TempLedger();
        using (var store = temp.Open())
        {
            store.AppendBatch([.. Enumerable.Range(0, 4).Select(TempLedger.Entry)]);
            store.PublishTreeHead();
        }
        // A process that dies mid-append: the transaction is open when the connection goes away.
        using (var connection = new SqliteConnection($"Data Source={temp.DatabasePath};Pooling=False"))
        {
            connection.Open();
            using var store = SqliteLedgerStore.Open(connection, signingKey: null);
            var transaction = connection.BeginTransaction();
            store.AppendBatch([.. Enumerable.Range(4, 50).Select(TempLedger.Entry)], transaction);
        }
        using var reopened = temp.Open();
        Assert.Equal(4, reopened.Size);
        var result = TempLedger.Verify(reopened.Connection, reopened.PublicKey!);
        Assert.True(result.IsValid, result.Problem);
        Assert.Equal(5, reopened.Append(TempLedger.Entry(4)) + 1);
    }

    [Fact]
    public void Store_rebuilds_its_tree_when_another_writer_replaced_the_entries_it_had_loaded()
    {
        using var temp = new TempLedger();
        using var store = temp.Open();
        store.AppendBatch([.. Enumerable.Range(0, 5).Select(TempLedger.Entry)]);
        var before = store.Root(5);
        temp.Attack("DELETE FROM ledger_entries WHERE idx = 4");
        using (var other = temp.Open())
        {
            other.Append(TempLedger.Entry(10));
        }
        Assert.Equal(5, store.Size);
        Assert.NotEqual(before, store.Root(5));
        Assert.Equal(MerkleHash.Leaf(TempLedger.Entry(10).ToCanonicalJson(4, store.Root(4))), store.Read(4).LeafHash);
    }

    [Fact]
    public void Publishing_without_the_signing_key_is_refused()
    {
        using var temp = new TempLedger();
        using var connection = new SqliteConnection($"Data Source={temp.DatabasePath};Pooling=False");
        connection.Open();
        using var store = SqliteLedgerStore.Open(connection, signingKey: null);
        store.Append(TempLedger.Entry(0));
        Assert.Throws<InvalidOperationException>(() => store.PublishTreeHead());
    }

    [Fact]
    public void Missing_log_key_is_not_silently_replaced_when_the_log_has_a_public_key()
    {
        using var temp = new TempLedger();
        using (var store = temp.Open())
        {
            store.Append(TempLedger.Entry(0));
            store.PublishTreeHead();
        }
        File.Delete(LedgerKeyFile.PrivatePath(temp.DatabasePath));
        var error = Assert.Throws<InvalidInputException>(temp.Open);
        Assert.Contains("restore the key file", error.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(LedgerKeyFile.PrivatePath(temp.DatabasePath)));
    }

    [Fact]
    public void Log_key_that_did_not_sign_the_tree_heads_is_refused()
    {
        using var temp = new TempLedger();
        using (var store = temp.Open())
        {
            store.Append(TempLedger.Entry(0));
            store.PublishTreeHead();
        }
        File.Delete(LedgerKeyFile.PrivatePath(temp.DatabasePath));
        File.Delete(LedgerKeyFile.PublicPath(temp.DatabasePath));
        var error = Assert.Throws<InvalidInputException>(temp.Open);
        Assert.Contains("did not sign the log's tree heads", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Wearer_gets_a_checkable_proof_for_each_of_their_entries_and_none_of_anyone_elses()
    {
        using var temp = new TempLedger();
        using var store = temp.Open();
        store.AppendBatch([.. Enumerable.Range(0, 12).Select(TempLedger.Entry)]);
        store.PublishTreeHead();
        var proofs = store.ProveFor(WearerId.Parse("w-1")).Proven;
        Assert.Equal([1L, 2, 7, 8], proofs.Select(p => p.Index));
        Assert.All(proofs, p => Assert.True(p.Check(store.PublicKey!).IsValid));
        Assert.All(proofs, p => Assert.Contains("\"wearer\":\"w-1\"", p.EntryText, StringComparison.Ordinal));
        Assert.Single(proofs.Select(p => p.TreeHead.TreeSize).Distinct());
        Assert.Empty(store.ProveFor(WearerId.Parse("w-404")).Proven);
    }

    [Theory]
    [InlineData("{}", "format")]
    [InlineData("[1]", "$")]
    [InlineData("{\"format\":\"care-ledger-inclusion-proof-v1\"}", "treeHead")]
    public void Malformed_proof_file_is_refused_with_the_json_field_named(string json, string field)
    {
        var error = Assert.Throws<InvalidInputException>(() => InclusionProofDocument.Parse(json, "p.json"));
        Assert.Contains($"p.json at {field}", error.Message, StringComparison.Ordinal);
    }
}
