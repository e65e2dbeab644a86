using Care.Core.Ids;
using Care.Hermes.Hosting;
using Care.Hermes.Ingest;
using Care.Hermes.Storage.Postgres;
using Care.Hermes.Storage.Postgres.Migrations;
using Care.Hermes.Tests;
using Care.Trust.Ledger;
using Care.Trust.Ledger.Entries;
using Microsoft.Extensions.Time.Testing;
using Npgsql;

namespace Care.Hermes.Storage.Tests.Postgres;

/// <summary>
/// What only the PostgreSQL backend can get wrong: its schema checks (newer, changed or half-applied
/// migrations), a server connection lost mid-ingest, writers from several processes on one ledger, and
/// the time partitions of observations. Each test has a database of its own.
/// </summary>
public sealed class PostgresBackendTests : IAsyncLifetime
{
    private readonly string _folder = Directory.CreateTempSubdirectory("care-pg-test-").FullName;
    private readonly FakeTimeProvider _time = new(Vitals.Now);
    private PostgresTestDatabase? _database;

    private PostgresTestDatabase Database => _database ?? throw new InvalidOperationException("not initialised");

    private string KeyPath => Path.Combine(_folder, "hermes");

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync()
    {
        _database = PostgresTestDatabase.Create();
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
        Directory.Delete(_folder, recursive: true);
    }

    private PostgresHermesStore OpenStore() => PostgresHermesStore.Open(Database.ConnectionString, KeyPath, _time);

    private HermesComposition Compose() => HermesComposition.Open(PostgresBackend.Options(Database.ConnectionString, KeyPath), _time);

    private async Task<long> CountAsync(string sql) => Convert.ToInt64(await Database.ScalarAsync(sql), System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public async Task Opening_twice_applies_each_script_of_both_tracks_once()
    {
        await using (OpenStore())
        {
        }
        await using (OpenStore())
        {
        }
        Assert.Equal(PostgresMigrationRunner.Scripts(PostgresMigrationTrack.Hermes).Count, await CountAsync("SELECT COUNT(*) FROM schema_migrations"));
        Assert.Equal(PostgresMigrationRunner.Scripts(PostgresMigrationTrack.Ledger).Count, await CountAsync("SELECT COUNT(*) FROM ledger_schema"));
    }

    [Theory]
    [InlineData("schema_migrations", "Hermes")]
    [InlineData("ledger_schema", "ledger")]
    public async Task Given_a_database_written_by_a_newer_schema_When_opened_Then_it_is_refused_naming_both_versions_and_nothing_changes(string table, string track)
    {
        await using (OpenStore())
        {
        }
        await Database.ScalarAsync($"INSERT INTO {table} (version, name, sha256, applied_ms) VALUES (999, 'future', '\\x00', 0)");
        long before = await CountAsync($"SELECT COUNT(*) FROM {table}");
        var error = Assert.Throws<IOException>(OpenStore);
        Assert.Contains($"the {track} tables are at schema version 999, newer than this program's", error.Message, StringComparison.Ordinal);
        Assert.Contains(Database.Name, error.Message, StringComparison.Ordinal);
        Assert.IsType<SchemaTooNewException>(error.InnerException);
        Assert.Equal(before, await CountAsync($"SELECT COUNT(*) FROM {table}"));
    }

    [Fact]
    public async Task Given_a_half_applied_migration_When_opened_Then_it_is_refused_naming_the_script_and_its_transaction_leaves_nothing()
    {
        // Part of Hermes's script 1 already present without its record (applied by hand, or by a tool without transactions).
        await using (OpenStore())
        {
        }
        await Database.ScalarAsync("DROP TABLE token_wearers, tokens, bundle_refusals, devices, alerts, model_risks, risk_scores, events, doses, observations, bundles, wearers; DELETE FROM schema_migrations");
        await Database.ScalarAsync("CREATE TABLE devices (id text PRIMARY KEY)");
        var error = Assert.Throws<IOException>(OpenStore);
        Assert.Contains("the Hermes migration 0001_initial found its objects already present without its record", error.Message, StringComparison.Ordinal);
        Assert.Contains("half-applied", error.Message, StringComparison.Ordinal);
        Assert.IsType<SchemaDamagedException>(error.InnerException);
        // Script 1 ran in one transaction: the tables it created before failing are gone, its version is unrecorded.
        Assert.Equal(0, await CountAsync("SELECT COUNT(*) FROM schema_migrations"));
        Assert.Equal(0, await CountAsync("SELECT COUNT(*) FROM pg_tables WHERE tablename IN ('wearers', 'bundles')"));
    }

    [Fact]
    public async Task Given_a_recorded_script_that_differs_from_the_program_s_When_opened_Then_it_is_refused()
    {
        await using (OpenStore())
        {
        }
        await Database.ScalarAsync("UPDATE ledger_schema SET sha256 = '\\x00' WHERE version = 1");
        var error = Assert.Throws<IOException>(OpenStore);
        Assert.Contains("the ledger migration 0001_entries_and_tree_heads recorded in the database differs from this program's script", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Given_an_unreachable_server_When_opened_Then_the_message_names_the_database_and_the_cause()
    {
        var builder = new NpgsqlConnectionStringBuilder(Database.ConnectionString) { Port = 1, Timeout = 2 };
        var error = Assert.Throws<IOException>(() => PostgresHermesStore.Open(builder.ToString(), KeyPath, _time));
        Assert.StartsWith($"cannot open the Hermes database PostgreSQL {builder.Host}:1/{Database.Name}: ", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Given_the_server_connection_dies_mid_ingest_When_the_bundle_is_retried_Then_it_is_stored_once_with_no_ledger_gap()
    {
        await using var hermes = Compose();
        var devices = new TestDevices(hermes.Store, hermes.Recipient.PublicKey);
        await hermes.Ingestor.IngestAsync(await devices.SealAsync(Vitals.Minutes("W-1", Vitals.Start, 30)), Cancel);
        long ledger = await hermes.Store.LedgerSizeAsync(Cancel);
        var bundle = Vitals.Minutes("W-1", Vitals.Start.AddMinutes(30), 30);

        // A session has stored the bundle and appended its entry when its server process goes away, as
        // every backend does when PostgreSQL restarts (the postmaster ends each one with 57P01).
        await using (var session = await hermes.Store.BeginIngestAsync(Cancel))
        {
            await session.AddBundleAsync(bundle, new byte[32], new byte[32], Vitals.Now);
            await session.AppendLedgerAsync(new BundleAccepted(bundle.BundleId.ToString(), new string('0', 64), "P-W-1", 2) { At = Vitals.Now });
            int pid = ((PostgresIngestSession)session).ServerProcessId;
            await Database.ScalarAsync($"SELECT pg_terminate_backend({pid})");
            await Assert.ThrowsAnyAsync<NpgsqlException>(async () => await session.CommitAsync());
        }
        Assert.Equal(ledger, await hermes.Store.LedgerSizeAsync(Cancel));
        Assert.Equal(30 * 5, await hermes.Store.CountObservationsAsync([WearerId.Parse("W-1")], Cancel));
        Assert.Equal(1, await CountAsync("SELECT COUNT(*) FROM bundles"));

        // The client's retry: a clean ingest of the same bundle, then nothing twice and no gap.
        var retry = await hermes.Ingestor.IngestAsync(await devices.SealAsync(bundle), Cancel);
        Assert.Equal(IngestStatus.Stored, retry.Status);
        Assert.Equal(ledger + 1, await hermes.Store.LedgerSizeAsync(Cancel));
        Assert.Equal(60 * 5, await hermes.Store.CountObservationsAsync([WearerId.Parse("W-1")], Cancel));
        Assert.Equal(await CountAsync("SELECT COUNT(*) FROM ledger_entries"), await CountAsync("SELECT MAX(idx) + 1 FROM ledger_entries"));
        await hermes.Store.PublishTreeHeadAsync(Cancel);
        var verification = await LedgerVerifier.VerifyAsync(((PostgresHermesStore)hermes.Store).LedgerReader, hermes.Store.LedgerKey, cancellationToken: Cancel);
        Assert.True(verification.IsValid, verification.Problem);
    }

    [Fact]
    public async Task Given_two_stores_on_one_database_When_both_append_at_once_Then_the_ledger_is_gap_free_ordered_and_verifies()
    {
        // Two stores stand for two Hermes processes: only PostgreSQL's advisory lock orders them.
        await using var first = OpenStore();
        await using var second = OpenStore();
        var wearer = WearerId.Parse("W-1");
        // One sequencer holds the ledger; as its background service does, it passes every few ms, so the
        // other process's acts (which wait for their index) are included too.
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(Cancel);
        await first.Sequencer.SequenceAsync(Cancel);
        var background = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                await first.Sequencer.SequenceAsync(CancellationToken.None);
                await Task.Delay(10, CancellationToken.None);
            }
        }, CancellationToken.None);
        var appends = Enumerable.Range(0, 40).Select(i => (i % 2 == 0 ? first : second)
            .AppendToLedgerAsync(new RecordAccessed($"tok-{i}", "clinician", wearer, "review") { At = Vitals.Now }, Cancel));
        long[] indexes = await Task.WhenAll(appends);
        await stop.CancelAsync();
        await background;
        Assert.Equal(Enumerable.Range(0, 40).Select(i => (long)i), indexes.Order());
        await first.PublishTreeHeadAsync(Cancel);
        // The first process stops cleanly (its lease is released); the second takes the ledger over at once.
        await first.Sequencer.ReleaseAsync(Cancel);
        await second.AppendToLedgerAsync(new RecordAccessed("tok-last", "clinician", wearer, "review") { At = Vitals.Now }, Cancel);
        var head = await second.PublishTreeHeadAsync(Cancel);
        Assert.Equal(41, head.TreeSize);
        var verification = await LedgerVerifier.VerifyAsync(first.LedgerReader, first.LedgerKey, cancellationToken: Cancel);
        Assert.True(verification.IsValid, verification.Problem);
        Assert.Equal(41, verification.Entries);
        var page = await first.ProveWearerAsync(wearer, -1, 100, Cancel);
        Assert.Equal(41, page.Proven.Count);
        Assert.All(page.Proven, p => Assert.True(p.Check(first.LedgerKey).IsValid));
    }

    [Fact]
    public async Task Observations_go_to_monthly_partitions_created_on_demand_and_a_rolled_back_ingest_leaves_none()
    {
        _time.SetUtcNow(new DateTimeOffset(2026, 12, 2, 0, 0, 0, TimeSpan.Zero));
        await using var hermes = Compose();
        var devices = new TestDevices(hermes.Store, hermes.Recipient.PublicKey);
        var acrossMonths = Vitals.Minutes("W-1", new DateTimeOffset(2026, 11, 30, 23, 45, 0, TimeSpan.Zero), 30);
        await using (var session = await hermes.Store.BeginIngestAsync(Cancel))
        {
            await session.AddBundleAsync(Vitals.Minutes("W-2", new DateTimeOffset(2027, 3, 1, 0, 0, 0, TimeSpan.Zero), 10), new byte[32], new byte[32], Vitals.Now);
            // Disposed without a commit.
        }
        Assert.Equal(0, await CountAsync("SELECT COUNT(*) FROM pg_inherits WHERE inhparent = 'observations'::regclass"));
        await hermes.Ingestor.IngestAsync(await devices.SealAsync(acrossMonths), Cancel);
        Assert.Equal(2, await CountAsync("SELECT COUNT(*) FROM pg_inherits WHERE inhparent = 'observations'::regclass"));
        Assert.Equal(15 * 5, await CountAsync("SELECT COUNT(*) FROM observations_y2026m11"));
        Assert.Equal(15 * 5, await CountAsync("SELECT COUNT(*) FROM observations_y2026m12"));
        var all = await hermes.Store.QueryObservationsAsync(new ObservationQuery(WearerId.Parse("W-1"), null, null, null, 1000), Cancel);
        Assert.Equal(acrossMonths.Observations.OrderBy(o => o.Time).ThenBy(o => o.Sign).Select(o => (o.Time, o.Sign, o.Value)), all.Select(o => (o.Time, o.Sign, o.Value)));
    }

    [Fact]
    public async Task Stored_content_rebuilt_from_the_rows_matches_the_ledger_and_a_changed_row_is_found()
    {
        await using var hermes = Compose();
        var devices = new TestDevices(hermes.Store, hermes.Recipient.PublicKey);
        await hermes.Ingestor.IngestAsync(await devices.SealAsync(Vitals.Minutes("W-1", Vitals.Start, 30)), Cancel);
        await hermes.Ingestor.IngestAsync(await devices.SealAsync(Vitals.Glucose("W-2", Vitals.Start, 60)), Cancel);
        var store = (PostgresHermesStore)hermes.Store;
        var clean = await Ledger.ContentAudit.RunAsync(store.LedgerReader, store.ContentReader, cancellationToken: Cancel);
        Assert.True(clean.IsValid, string.Join("; ", clean.Problems));
        Assert.Equal(2, clean.BundlesChecked);
        await Database.ScalarAsync("UPDATE observations_y2026m11 SET value = value + 1 WHERE ctid = (SELECT ctid FROM observations_y2026m11 LIMIT 1)");
        var tampered = await Ledger.ContentAudit.RunAsync(store.LedgerReader, store.ContentReader, cancellationToken: Cancel);
        Assert.False(tampered.IsValid);
        Assert.Equal(1, tampered.ProblemCount);
    }
}
