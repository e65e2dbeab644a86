using Care.Hermes.Hosting;
using Care.Hermes.Storage.Sqlite;
using Microsoft.Data.Sqlite;

namespace Care.Hermes.Storage.Tests.Sqlite;

/// <summary>The ledger outbox and sequencer contract on the embedded SQLite backend.</summary>
public sealed class SqliteLedgerOutboxContractTests : LedgerOutboxContract
{
    private string DatabasePath => Path.Combine(Folder, "hermes.db");

    protected override HermesOptions Options() => SqliteBackend.Options(DatabasePath);

    protected override Task FailAppendOfIndexAsync(long index) => ExecuteAsync($"""
        CREATE TRIGGER care_test_kill BEFORE INSERT ON ledger_entries WHEN NEW.idx = {index}
        BEGIN SELECT RAISE(ABORT, 'the sequencer was killed mid-batch'); END
        """);

    protected override Task HealAsync() => ExecuteAsync("DROP TRIGGER care_test_kill");

    protected override ValueTask CleanUpAsync()
    {
        SqliteConnection.ClearAllPools();
        return ValueTask.CompletedTask;
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = DatabasePath, Pooling = false }.ToString());
        await connection.OpenAsync(Cancel);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(Cancel);
    }
}
