using Care.Hermes.Storage.Sqlite;
using Care.Hermes.Storage.Sqlite.Migrations;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Time.Testing;

namespace Care.Hermes.Storage.Tests.Sqlite;

/// <summary>The SQLite backend's one migration runner: each script once, in order, all or nothing; a newer database refused.</summary>
public sealed class SqliteMigrationTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("care-migration-test-").FullName;
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero));

    private string Database => Path.Combine(_folder, "hermes.db");

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    private long Scalar(string sql)
    {
        using var connection = new SqliteConnection($"Data Source={Database};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    [Fact]
    public async Task Opening_twice_applies_every_script_of_both_tracks_once()
    {
        await using (SqliteHermesStore.Open(Database, _time))
        {
        }
        await using (SqliteHermesStore.Open(Database, _time))
        {
        }
        Assert.Equal(SqliteMigrationRunner.Scripts(MigrationTrack.Hermes).Count, Scalar("SELECT COUNT(*) FROM schema_migrations"));
        Assert.Equal(SqliteMigrationRunner.Scripts(MigrationTrack.Ledger).Count, Scalar("SELECT COUNT(*) FROM ledger_schema"));
        Assert.Equal(SqliteMigrationRunner.Scripts(MigrationTrack.Ledger).Count, Scalar("SELECT MAX(version) FROM ledger_schema"));
    }

    [Theory]
    [InlineData("schema_migrations", "INSERT INTO schema_migrations (version, name, applied_ms) VALUES (999, 'future', 0)", "Hermes")]
    [InlineData("ledger_schema", "INSERT INTO ledger_schema (version) VALUES (999)", "ledger")]
    public async Task A_database_written_by_a_newer_schema_is_refused_with_both_versions_named(string table, string sql, string track)
    {
        await using (SqliteHermesStore.Open(Database, _time))
        {
        }
        using (var connection = new SqliteConnection($"Data Source={Database};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = sql;
            command.ExecuteNonQuery();
        }
        long before = Scalar($"SELECT COUNT(*) FROM {table}");
        var error = Assert.Throws<IOException>(() => SqliteHermesStore.Open(Database, _time));
        Assert.Contains($"the {track} tables are at schema version 999, newer than this program's", error.Message, StringComparison.Ordinal);
        Assert.Contains(Database, error.Message, StringComparison.Ordinal);
        Assert.Equal(before, Scalar($"SELECT COUNT(*) FROM {table}"));
    }

    [Fact]
    public void A_failing_script_rolls_back_whole_and_leaves_its_version_unrecorded()
    {
        using var connection = new SqliteConnection($"Data Source={Database};Pooling=False");
        connection.Open();
        // A table in the way of script 1: the script fails part-way and must leave nothing behind.
        using (var command = connection.CreateCommand())
        {
            command.CommandText = "CREATE TABLE ledger_tree_heads (x INTEGER)";
            command.ExecuteNonQuery();
        }
        Assert.Throws<SqliteException>(() => SqliteMigrationRunner.Apply(connection, MigrationTrack.Ledger, _time));
        Assert.Equal(0, Scalar("SELECT COUNT(*) FROM ledger_schema"));
        Assert.Equal(0, Scalar("SELECT COUNT(*) FROM sqlite_master WHERE name = 'ledger_entries'"));
    }
}
