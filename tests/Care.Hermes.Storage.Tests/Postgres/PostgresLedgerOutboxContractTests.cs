using Care.Hermes.Hosting;
using Care.Hermes.Storage.Postgres;

namespace Care.Hermes.Storage.Tests.Postgres;

/// <summary>The ledger outbox and sequencer contract on PostgreSQL: every test on a database of its own, created empty and dropped after.</summary>
public sealed class PostgresLedgerOutboxContractTests : LedgerOutboxContract
{
    private PostgresTestDatabase? _database;

    protected override HermesOptions Options()
    {
        _database ??= PostgresTestDatabase.Create();
        return PostgresBackend.Options(_database.ConnectionString, Path.Combine(Folder, "hermes"));
    }

    protected override async Task FailAppendOfIndexAsync(long index)
    {
        await _database!.ScalarAsync("""
            CREATE FUNCTION care_test_kill() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN RAISE EXCEPTION 'the sequencer was killed mid-batch'; END $$
            """);
        await _database.ScalarAsync($"CREATE TRIGGER care_test_kill BEFORE INSERT ON ledger_entries FOR EACH ROW WHEN (NEW.idx = {index}) EXECUTE FUNCTION care_test_kill()");
    }

    protected override async Task HealAsync()
    {
        await _database!.ScalarAsync("DROP TRIGGER care_test_kill ON ledger_entries");
        await _database.ScalarAsync("DROP FUNCTION care_test_kill()");
    }

    protected override async ValueTask CleanUpAsync()
    {
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }
}
