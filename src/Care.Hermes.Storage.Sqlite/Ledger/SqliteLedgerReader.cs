using System.Runtime.CompilerServices;
using Care.Trust.Ledger;
using Microsoft.Data.Sqlite;

namespace Care.Hermes.Storage.Sqlite.Ledger;

/// <summary>Reads the <c>ledger_*</c> tables of a SQLite database (read-only use; the caller owns the connection).</summary>
/// <param name="connection">An open connection to the database holding the ledger.</param>
public sealed class SqliteLedgerReader(SqliteConnection connection) : ILedgerReader
{
    /// <inheritdoc/>
    public async IAsyncEnumerable<LedgerRecord> ReadEntriesAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        using var read = connection.CreateCommand();
        read.CommandText = "SELECT idx, kind, wearer, data, leaf_hash FROM ledger_entries ORDER BY idx";
        using var reader = await read.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            yield return SqliteLedgerStore.ReadRecord(reader);
        }
    }

    /// <inheritdoc/>
    public Task<IReadOnlyList<SignedTreeHead>> ReadTreeHeadsAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<SignedTreeHead>>(SqliteLedgerStore.ReadTreeHeads(connection, "ORDER BY tree_size"));
}
