using Care.Hermes.Hosting;
using Care.Hermes.Storage.Sqlite;
using Microsoft.Data.Sqlite;

namespace Care.Hermes.Storage.Tests.Sqlite;

/// <summary>The proximity-tracing storage contract on the embedded SQLite backend.</summary>
public sealed class SqliteExposureStoreContractTests : ExposureStoreContract
{
    protected override HermesOptions Options() => SqliteBackend.Options(Path.Combine(Folder, "hermes.db"));

    protected override ValueTask CleanUpAsync()
    {
        SqliteConnection.ClearAllPools();
        return ValueTask.CompletedTask;
    }
}
