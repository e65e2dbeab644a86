using Npgsql;

namespace Care.Hermes.Storage.Tests.Postgres;

/// <summary>
/// A fresh, empty PostgreSQL database of one test, on the server named by <c>CARE_TEST_POSTGRES</c>
/// (<c>scripts/postgres.sh</c> starts one and writes the variable; <c>.ci/run</c> exports it). The test
/// is skipped, with the reason, only when the variable is not set or the server cannot be reached.
/// Dropped (forcing its connections closed) when disposed.
/// </summary>
internal sealed class PostgresTestDatabase : IAsyncDisposable
{
    public const string Variable = "CARE_TEST_POSTGRES";

    private readonly string _server;

    private PostgresTestDatabase(string server, string name)
    {
        _server = server;
        Name = name;
        ConnectionString = new NpgsqlConnectionStringBuilder(server) { Database = name }.ToString();
    }

    /// <summary>The database's name (care_test_…).</summary>
    public string Name { get; }

    /// <summary>A connection string to the new database.</summary>
    public string ConnectionString { get; }

    /// <summary>Creates the database, or skips the test saying why PostgreSQL is not available.</summary>
    public static PostgresTestDatabase Create()
    {
        string? server = Environment.GetEnvironmentVariable(Variable);
        if (string.IsNullOrWhiteSpace(server))
        {
            Skip($"{Variable} is not set: run `scripts/postgres.sh` and `source` the env file it prints (.ci/run does)");
        }
        string name = "care_test_" + Guid.NewGuid().ToString("N")[..16];
        try
        {
            using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(server) { Database = "postgres", Pooling = false, Timeout = 5 }.ToString());
            connection.Open();
            using var create = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
            create.ExecuteNonQuery();
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException or ArgumentException)
        {
            Skip($"PostgreSQL at {Variable}='{server}' cannot be reached: {e.Message}");
        }
        return new PostgresTestDatabase(server!, name);
    }

    /// <summary>Runs one statement on the test database (outside the store: tamper, inspect).</summary>
    public async Task<object?> ScalarAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(ConnectionString) { Pooling = false }.ToString());
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync();
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(_server) { Database = "postgres", Pooling = false }.ToString());
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {Name} WITH (FORCE)", connection);
        await drop.ExecuteNonQueryAsync();
    }

    private static void Skip(string reason)
    {
        TestContext.Current.SendDiagnosticMessage($"{TestContext.Current.Test?.TestDisplayName}: skipped: {reason}");
        Assert.Skip(reason);
    }
}
