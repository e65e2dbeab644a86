using Care.Hermes.Hosting;
using Care.Hermes.Storage.Postgres;

namespace Care.Hermes.Storage.Tests.Postgres;

/// <summary>The campaign storage contract on PostgreSQL: every test on a database of its own, created empty and dropped after.</summary>
public sealed class PostgresCampaignStoreContractTests : CampaignStoreContract
{
    private PostgresTestDatabase? _database;

    protected override HermesOptions Options()
    {
        _database ??= PostgresTestDatabase.Create();
        return PostgresBackend.Options(_database.ConnectionString, Path.Combine(Folder, "hermes"));
    }

    protected override async ValueTask CleanUpAsync()
    {
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }
}
