using Care.Hermes.Hosting;
using Care.Hermes.Storage.Sqlite;
using Microsoft.Data.Sqlite;

namespace Care.Hermes.Storage.Tests.Sqlite;

/// <summary>The campaign storage contract on the embedded SQLite backend.</summary>
public sealed class SqliteCampaignStoreContractTests : CampaignStoreContract
{
    protected override HermesOptions Options() => SqliteBackend.Options(Path.Combine(Folder, "hermes.db"));

    protected override ValueTask CleanUpAsync()
    {
        SqliteConnection.ClearAllPools();
        return ValueTask.CompletedTask;
    }
}
