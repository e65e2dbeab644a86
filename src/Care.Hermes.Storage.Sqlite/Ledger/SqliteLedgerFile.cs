using Care.Core.Errors;
using Care.Trust.Ledger;
using Microsoft.Data.Sqlite;

namespace Care.Hermes.Storage.Sqlite.Ledger;

/// <summary>
/// An existing SQLite file holding a ledger, opened read-only for checking (<c>care ledger verify</c>):
/// its entries and heads through <see cref="Ledger"/>, and Hermes's stored bundles through
/// <see cref="Content"/> when the file also holds them. Never creates or changes a file. Not thread safe.
/// </summary>
public sealed class SqliteLedgerFile : IDisposable
{
    private readonly SqliteConnection _connection;

    private SqliteLedgerFile(SqliteConnection connection, bool holdsHermesRecords)
    {
        _connection = connection;
        Ledger = new SqliteLedgerReader(connection);
        Content = holdsHermesRecords ? new SqliteContentReader(connection) : null;
    }

    /// <summary>The ledger's entries and signed tree heads.</summary>
    public ILedgerReader Ledger { get; }

    /// <summary>Hermes's stored bundles rebuilt from their rows, or null when the file holds only a ledger.</summary>
    public IStoredContentReader? Content { get; }

    /// <summary>
    /// Opens <paramref name="path"/> read-only. Throws <see cref="InvalidInputException"/> naming the
    /// file when it does not exist or holds no ledger tables.
    /// </summary>
    public static SqliteLedgerFile OpenReadOnly(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (!File.Exists(path))
        {
            throw new InvalidInputException(path, "database not found (pass --db PATH)");
        }
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        try
        {
            connection.Open();
            if (Tables(connection, "'ledger_entries', 'ledger_tree_heads'") != 2)
            {
                throw new InvalidInputException(path, "this database holds no ledger (no ledger_entries/ledger_tree_heads tables)");
            }
            return new SqliteLedgerFile(connection, Tables(connection, "'bundles', 'observations', 'doses', 'events', 'wearers'") == 5);
        }
        catch (SqliteException e)
        {
            connection.Dispose();
            throw new InvalidInputException(path, $"not a readable SQLite database: {e.Message}");
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <inheritdoc/>
    public void Dispose() => _connection.Dispose();

    /// <summary>How many of the named tables (a fixed list, never user input) the file has.</summary>
    private static long Tables(SqliteConnection connection, string names)
    {
        using var probe = connection.CreateCommand();
        probe.CommandText = $"SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name IN ({names})";
        return (long)probe.ExecuteScalar()!;
    }
}
