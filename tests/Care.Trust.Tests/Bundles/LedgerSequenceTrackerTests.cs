using Care.Trust.Bundles;
using Care.Trust.Identity;
using Care.Trust.Ledger.Entries;
using Care.Trust.Tests.Ledger;
using Microsoft.Data.Sqlite;
using Care.Hermes.Storage.Sqlite.Ledger;

namespace Care.Trust.Tests.Bundles;

/// <summary>The upload flow the service follows: open, store, append BundleAccepted, commit — all in one transaction.</summary>
public sealed class LedgerSequenceTrackerTests
{
    private static readonly HybridSigningKey Device = HybridSigningKey.Generate();
    private static readonly HybridKemPrivateKey Hermes = HybridKemPrivateKey.Generate();
    private static readonly HybridSigningKey LogKey = HybridSigningKey.Generate();
    private readonly DeviceRegistry _registry = new();

    public LedgerSequenceTrackerTests() => _registry.Register("patch-1", HybridAlgorithms.Signature, Device.PublicKey.Export());

    private static byte[] Seal(long sequence) => BundleSealer.Seal("{\"hr\":71}"u8, "patch-1", sequence, Device, Hermes.PublicKey, DateTimeOffset.UnixEpoch);

    /// <summary>Accepts a bundle the way Hermes would; returns the rejection, or null when stored.</summary>
    private BundleRejection? Upload(SqliteConnection connection, SqliteLedgerStore store, byte[] bundle, bool failAfterOpening = false)
    {
        using var transaction = connection.BeginTransaction(deferred: false);
        try
        {
            var opened = new BundleOpener(Hermes, _registry, new LedgerSequenceTracker(connection, transaction)).Open(bundle);
            using var insert = connection.CreateCommand();
            insert.Transaction = transaction;
            insert.CommandText = "INSERT INTO hermes_bundles (content) VALUES ($c)";
            insert.Parameters.AddWithValue("$c", opened.Payload);
            insert.ExecuteNonQuery();
            store.Append(BundleAccepted.From(opened, $"b-{opened.Sequence}", DateTimeOffset.UnixEpoch), transaction);
            if (failAfterOpening)
            {
                transaction.Rollback();
                return BundleRejection.Malformed;
            }
            transaction.Commit();
            return null;
        }
        catch (BundleRejectedException e)
        {
            return e.Reason;
        }
    }

    private static SqliteConnection Connect(TempLedger temp)
    {
        var connection = new SqliteConnection($"Data Source={temp.DatabasePath};Pooling=False");
        connection.Open();
        using var create = connection.CreateCommand();
        create.CommandText = "CREATE TABLE IF NOT EXISTS hermes_bundles (id INTEGER PRIMARY KEY, content BLOB)";
        create.ExecuteNonQuery();
        return connection;
    }

    private static long Count(SqliteConnection connection)
    {
        using var count = connection.CreateCommand();
        count.CommandText = "SELECT COUNT(*) FROM hermes_bundles";
        return (long)count.ExecuteScalar()!;
    }

    [Fact]
    public void Replay_is_refused_after_a_restart_because_the_sequence_lives_in_the_ledger()
    {
        using var temp = new TempLedger();
        var first = Seal(1);
        using (var connection = Connect(temp))
        using (var store = SqliteLedgerStore.Open(connection, LogKey))
        {
            Assert.Null(Upload(connection, store, first));
        }
        using (var connection = Connect(temp))
        using (var store = SqliteLedgerStore.Open(connection, LogKey))
        {
            Assert.Equal(BundleRejection.Replayed, Upload(connection, store, first));
            Assert.Null(Upload(connection, store, Seal(2)));
            Assert.Equal(2, Count(connection));
            Assert.Equal(2, new LedgerSequenceTracker(connection, null).LastSeen("patch-1"));
        }
    }

    [Fact]
    public void Rolled_back_acceptance_stores_nothing_and_does_not_consume_the_sequence()
    {
        using var temp = new TempLedger();
        using var connection = Connect(temp);
        using var store = SqliteLedgerStore.Open(connection, LogKey);
        var bundle = Seal(5);
        Assert.Equal(BundleRejection.Malformed, Upload(connection, store, bundle, failAfterOpening: true));
        Assert.Equal(0, Count(connection));
        Assert.Equal(0, store.Size);
        Assert.Null(Upload(connection, store, bundle));
        Assert.Equal(1, Count(connection));
    }

    [Fact]
    public void Rejected_upload_stores_nothing()
    {
        using var temp = new TempLedger();
        using var connection = Connect(temp);
        using var store = SqliteLedgerStore.Open(connection, LogKey);
        var tampered = Seal(1);
        tampered[^7] ^= 1;
        Assert.Equal(BundleRejection.Tampered, Upload(connection, store, tampered));
        Assert.Equal(0, Count(connection));
        Assert.Equal(0, store.Size);
    }

    [Fact]
    public void Opening_a_version_1_ledger_upgrades_it_and_keeps_its_entries()
    {
        using var temp = new TempLedger();
        using (var store = temp.Open())
        {
            store.AppendBatch([.. Enumerable.Range(0, 3).Select(TempLedger.Entry)]);
        }
        temp.Attack("DROP INDEX ledger_bundle_sequences; DROP TABLE ledger_outbox; DROP TABLE ledger_sequencer; ALTER TABLE ledger_entries DROP COLUMN outbox_id; DROP INDEX ledger_entries_by_promise; ALTER TABLE ledger_entries DROP COLUMN promised_sha256; DELETE FROM ledger_schema WHERE version >= 2;");
        using var reopened = temp.Open();
        Assert.Equal(3, reopened.Size);
        using var check = reopened.Connection.CreateCommand();
        check.CommandText = "SELECT (SELECT MAX(version) FROM ledger_schema), (SELECT COUNT(*) FROM sqlite_master WHERE name = 'ledger_bundle_sequences')";
        using var reader = check.ExecuteReader();
        Assert.True(reader.Read());
        // Every ledger script shipped in the storage assembly has run again.
        Assert.Equal(typeof(SqliteLedgerStore).Assembly.GetManifestResourceNames().Count(n => n.StartsWith("Care.Hermes.Storage.Sqlite.Migrations.Ledger.", StringComparison.Ordinal)), reader.GetInt64(0));
        Assert.Equal(1, reader.GetInt64(1));
    }
}
