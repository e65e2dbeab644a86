using Care.Hermes.Hosting;
using Care.Hermes.Storage.Sqlite;
using Microsoft.Data.Sqlite;

namespace Care.Hermes.Storage.Tests.Sqlite;

/// <summary>The ledger outbox and sequencer contract on the embedded SQLite backend.</summary>
public sealed class SqliteLedgerOutboxContractTests : LedgerOutboxContract
{
    protected override HermesOptions Options() => SqliteBackend.Options(Path.Combine(Folder, "hermes.db"));

    protected override ValueTask CleanUpAsync()
    {
        SqliteConnection.ClearAllPools();
        return ValueTask.CompletedTask;
    }
}
