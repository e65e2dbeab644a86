using System.Runtime.CompilerServices;
using Care.Trust.Ledger;
using Npgsql;

namespace Care.Hermes.Storage.Postgres.Ledger;

/// <summary>Reads the <c>ledger_*</c> tables of a PostgreSQL database for the verifier (read-only; the caller owns the data source).</summary>
/// <param name="data">The database holding the ledger.</param>
public sealed class PostgresLedgerReader(NpgsqlDataSource data) : ILedgerReader
{
    /// <inheritdoc/>
    public async IAsyncEnumerable<LedgerRecord> ReadEntriesAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await using var read = data.CreateCommand($"{PostgresLedger.RecordColumns} ORDER BY idx");
        await using var reader = await read.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            yield return PostgresLedger.ReadRecord(reader);
        }
    }

    /// <inheritdoc/>
    public async Task<IReadOnlyList<SignedTreeHead>> ReadTreeHeadsAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await data.OpenConnectionAsync(cancellationToken);
        return await PostgresLedger.ReadHeadsAsync(connection, null, "ORDER BY tree_size", cancellationToken);
    }
}
