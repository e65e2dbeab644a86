using Npgsql;

namespace Care.Hermes.Storage.Postgres;

/// <summary>
/// A new, empty database on a PostgreSQL server, dropped (its connections closed) when disposed: what
/// <c>care bench ingest --postgres</c> measures on, so a benchmark never writes into a real database.
/// </summary>
public sealed class PostgresScratchDatabase : IAsyncDisposable
{
    private readonly string _maintenance;

    private PostgresScratchDatabase(string maintenance, string name, string connectionString)
    {
        _maintenance = maintenance;
        Name = name;
        ConnectionString = connectionString;
    }

    /// <summary>The database's name (<c>PREFIX_</c> and 16 hex digits).</summary>
    public string Name { get; }

    /// <summary>A connection string to it (the server's, with this database).</summary>
    public string ConnectionString { get; }

    /// <summary>Creates a database named <paramref name="prefix"/>_… on the server of <paramref name="serverConnectionString"/> (connecting to its <c>postgres</c> database).</summary>
    /// <exception cref="IOException">The connection string is unreadable or the server refuses (message names the server and the cause).</exception>
    public static async Task<PostgresScratchDatabase> CreateAsync(string serverConnectionString, string prefix, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(prefix);
        if (!prefix.All(c => c is (>= 'a' and <= 'z') or '_'))
        {
            throw new ArgumentException("the prefix must be lower-case letters and underscores", nameof(prefix));
        }
        NpgsqlConnectionStringBuilder server;
        try
        {
            server = new NpgsqlConnectionStringBuilder(serverConnectionString);
        }
        catch (ArgumentException e)
        {
            throw new IOException($"cannot use the PostgreSQL connection string: {e.Message}", e);
        }
        string name = $"{prefix}_{Guid.NewGuid():N}"[..(prefix.Length + 17)];
        string maintenance = new NpgsqlConnectionStringBuilder(server.ConnectionString) { Database = "postgres", Pooling = false }.ToString();
        try
        {
            await using var connection = new NpgsqlConnection(maintenance);
            await connection.OpenAsync(cancellationToken);
            await using var create = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
            await create.ExecuteNonQueryAsync(cancellationToken);
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException)
        {
            throw new IOException($"cannot create a scratch database on {PostgresHermesStore.Describe(serverConnectionString)}: {PostgresHermesStore.Cause(e)}", e);
        }
        return new PostgresScratchDatabase(maintenance, name, new NpgsqlConnectionStringBuilder(server.ConnectionString) { Database = name }.ToString());
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(_maintenance);
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {Name} WITH (FORCE)", connection);
        await drop.ExecuteNonQueryAsync();
    }
}
