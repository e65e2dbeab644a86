using Microsoft.Data.Sqlite;

namespace Care.Trust.Ledger;

/// <summary>
/// The ledger's own tables in a (possibly shared) SQLite database: only <c>ledger_*</c> names,
/// versioned in <c>ledger_schema</c>, each migration applied once in its own transaction, so
/// opening is idempotent. Triggers make entries and tree heads append-only for every client of
/// the file (a hostile writer can drop them; <see cref="LedgerVerifier"/> still catches the change).
/// </summary>
internal static class LedgerSchema
{
    public const int CurrentVersion = 2;

    private static readonly string[] Migrations =
    [
        """
        CREATE TABLE ledger_entries (
            idx INTEGER PRIMARY KEY,
            kind TEXT NOT NULL,
            wearer TEXT NULL,
            data BLOB NOT NULL,
            leaf_hash BLOB NOT NULL);
        CREATE INDEX ledger_entries_by_wearer ON ledger_entries (wearer, idx) WHERE wearer IS NOT NULL;
        CREATE TABLE ledger_tree_heads (
            tree_size INTEGER PRIMARY KEY,
            root BLOB NOT NULL,
            timestamp_ms INTEGER NOT NULL,
            key_id TEXT NOT NULL,
            signature BLOB NOT NULL);
        CREATE TRIGGER ledger_entries_no_update BEFORE UPDATE ON ledger_entries BEGIN SELECT RAISE(ABORT, 'ledger entries are append-only'); END;
        CREATE TRIGGER ledger_entries_no_delete BEFORE DELETE ON ledger_entries BEGIN SELECT RAISE(ABORT, 'ledger entries are append-only'); END;
        CREATE TRIGGER ledger_tree_heads_no_update BEFORE UPDATE ON ledger_tree_heads BEGIN SELECT RAISE(ABORT, 'signed tree heads are append-only'); END;
        CREATE TRIGGER ledger_tree_heads_no_delete BEFORE DELETE ON ledger_tree_heads BEGIN SELECT RAISE(ABORT, 'signed tree heads are append-only'); END;
        """,
        // v2: find the last accepted bundle sequence of a device from the signed entries themselves.
        """
        CREATE INDEX ledger_bundle_sequences ON ledger_entries (
            json_extract(CAST(data AS TEXT), '$.deviceId'),
            json_extract(CAST(data AS TEXT), '$.sequence'))
            WHERE kind = 'BundleAccepted';
        """,
    ];

    public static void Apply(SqliteConnection connection)
    {
        using (var create = connection.CreateCommand())
        {
            create.CommandText = "CREATE TABLE IF NOT EXISTS ledger_schema (version INTEGER NOT NULL)";
            create.ExecuteNonQuery();
        }
        while (true)
        {
            using var transaction = connection.BeginTransaction(deferred: false);
            using var read = connection.CreateCommand();
            read.Transaction = transaction;
            read.CommandText = "SELECT COALESCE(MAX(version), 0) FROM ledger_schema";
            var version = Convert.ToInt32(read.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
            if (version > CurrentVersion)
            {
                throw new InvalidOperationException($"the ledger tables are at schema version {version}, newer than this program's {CurrentVersion}; upgrade Care");
            }
            if (version == CurrentVersion)
            {
                return;
            }
            using var migrate = connection.CreateCommand();
            migrate.Transaction = transaction;
            migrate.CommandText = Migrations[version] + $"; INSERT INTO ledger_schema (version) VALUES ({version + 1});";
            migrate.ExecuteNonQuery();
            transaction.Commit();
        }
    }
}
