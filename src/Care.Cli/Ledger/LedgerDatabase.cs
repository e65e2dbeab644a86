using Care.Core.Errors;
using Care.Trust.Ledger;
using Microsoft.Data.Sqlite;

namespace Care.Cli.Ledger;

/// <summary>Opens an existing ledger database for the ledger commands; never creates one by mistake.</summary>
internal static class LedgerDatabase
{
    public static void RequireExisting(string path)
    {
        if (!File.Exists(path))
        {
            throw new InvalidInputException(path, "database not found (pass --db PATH)");
        }
    }

    /// <summary>Opens the store with its signing key (needed to sign a new tree head).</summary>
    public static LedgerStore OpenStore(string path)
    {
        RequireExisting(path);
        return LedgerStore.OpenFile(path);
    }

    /// <summary>Opens a read-only connection; fails with exit 2 when the file holds no ledger.</summary>
    public static SqliteConnection OpenReadOnly(string path)
    {
        RequireExisting(path);
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        connection.Open();
        using var probe = connection.CreateCommand();
        probe.CommandText = "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name IN ('ledger_entries', 'ledger_tree_heads')";
        if ((long)probe.ExecuteScalar()! != 2)
        {
            connection.Dispose();
            throw new InvalidInputException(path, "this database holds no ledger (no ledger_entries/ledger_tree_heads tables)");
        }
        return connection;
    }

    /// <summary>True when the database also holds Hermes's records (bundles and their rows), so they can be checked against the ledger.</summary>
    public static bool HoldsHermesRecords(SqliteConnection connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        using var probe = connection.CreateCommand();
        probe.CommandText = "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name IN ('bundles', 'observations', 'doses', 'events', 'wearers')";
        return (long)probe.ExecuteScalar()! == 5;
    }
}
