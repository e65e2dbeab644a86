using Npgsql;

namespace Care.Hermes.Storage.Postgres;

/// <summary>
/// Disk used by stored observations on a PostgreSQL database: heap (with TOAST and free-space maps)
/// and indexes over every time partition, and the rows they hold. What <c>care bench ingest
/// --postgres</c> reports as bytes per observation. Read-only; thread safe.
/// </summary>
public static class PostgresFootprint
{
    /// <summary>Sizes in bytes of the observation partitions' tables and indexes, and their row count.</summary>
    /// <exception cref="IOException">The server refuses (the message names the server and the cause).</exception>
    public static async Task<ObservationFootprint> ObservationsAsync(string connectionString, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        try
        {
            await using var connection = new NpgsqlConnection(connectionString);
            await connection.OpenAsync(cancellationToken);
            // Pages written by the load are counted as they are on disk; a checkpoint is not needed for the sizes.
            await using var size = new NpgsqlCommand("""
                SELECT COALESCE(SUM(pg_table_size(i.inhrelid)), 0)::bigint, COALESCE(SUM(pg_indexes_size(i.inhrelid)), 0)::bigint,
                       (SELECT COUNT(*) FROM observations), COUNT(*)
                FROM pg_inherits i WHERE i.inhparent = 'observations'::regclass
                """, connection);
            await using var reader = await size.ExecuteReaderAsync(cancellationToken);
            await reader.ReadAsync(cancellationToken);
            return new ObservationFootprint(reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2), (int)reader.GetInt64(3));
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException)
        {
            throw new IOException($"cannot read observation sizes on {PostgresHermesStore.Describe(connectionString)}: {PostgresHermesStore.Cause(e)}", e);
        }
    }
}
