using Care.Core.Bundles;
using Care.Core.Events;
using Care.Hermes.Ingest;
using Care.Hermes.Hosting;
using Care.Hermes.Ledger;
using Care.Hermes.Storage.Sqlite;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Time.Testing;
using Care.Hermes.Storage.Sqlite.Ledger;

namespace Care.Hermes.Tests.Ledger;

/// <summary>
/// Edits of stored data that the ledger's own checks cannot see (its entries are untouched) are
/// caught by recomputing each stored bundle's content hash against its BundleAccepted entry.
/// </summary>
public sealed class ContentAuditTests : IDisposable
{
    private readonly TempDatabase _db = new();
    private readonly FakeTimeProvider _time = new(Vitals.Now);

    public void Dispose() => _db.Dispose();

    private async Task IngestAsync(params Bundle[] bundles)
    {
        await using var store = SqliteHermesStore.Open(_db.Path, _time);
        var devices = new TestDevices(store, HermesKeys.Recipient(_db.Path).PublicKey);
        var ingestor = new BundleIngestor(store, HermesKeys.Recipient(_db.Path), _time, BundleLimits.Default);
        foreach (var bundle in bundles)
        {
            Assert.Equal(IngestStatus.Stored, (await ingestor.IngestAsync(await devices.SealAsync(bundle), TestContext.Current.CancellationToken)).Status);
        }
    }

    private async Task<ContentAuditResult> AuditAsync()
    {
        SqliteConnection.ClearAllPools();
        using var connection = new SqliteConnection($"Data Source={_db.Path};Mode=ReadOnly;Pooling=False");
        connection.Open();
        return await ContentAudit.RunAsync(new SqliteLedgerReader(connection), new SqliteContentReader(connection), cancellationToken: TestContext.Current.CancellationToken);
    }

    private static Bundle WithEvent(Bundle bundle) => bundle with
    {
        Events = [new PatchEvent(PatchEventKind.Pause, bundle.Observations[3].Time, null, 2.6, null)],
    };

    private async Task SeedAsync() =>
        await IngestAsync(WithEvent(Vitals.Minutes("W-1", Vitals.Start, 30)), Vitals.Glucose("W-2", Vitals.Start, 60), Vitals.Minutes("W-3", Vitals.Start, 30));

    [Fact]
    public async Task Untouched_records_match_every_accepted_bundle()
    {
        await SeedAsync();
        var audit = await AuditAsync();
        Assert.True(audit.IsValid, string.Join("; ", audit.Problems));
        Assert.Equal(3, audit.BundlesChecked);
        Assert.Equal(3, audit.BundlesAccepted);
    }

    [Theory]
    [InlineData("UPDATE observations SET value = 250 WHERE wearer = (SELECT id FROM wearers WHERE code = 'W-1') AND sign = 1 AND time_ms = (SELECT MIN(time_ms) FROM observations)", "W-1")]
    [InlineData("UPDATE observations SET value = 250 WHERE wearer = (SELECT id FROM wearers WHERE code = 'W-3') AND sign = 1 AND time_ms = (SELECT MIN(time_ms) FROM observations)", "W-3")]
    [InlineData("DELETE FROM observations WHERE wearer = (SELECT id FROM wearers WHERE code = 'W-3') AND sign = 1 AND time_ms = (SELECT MAX(time_ms) FROM observations WHERE wearer = (SELECT id FROM wearers WHERE code = 'W-3'))", "W-3")]
    [InlineData("INSERT INTO observations (wearer, sign, time_ms, value, bundle) SELECT wearer, sign, time_ms + 7, value, bundle FROM observations WHERE wearer = (SELECT id FROM wearers WHERE code = 'W-3') LIMIT 1", "W-3")]
    [InlineData("UPDATE doses SET bolus_units = 9 WHERE bolus_units = 3", "W-2")]
    [InlineData("UPDATE events SET value = 0.5", "W-1")]
    [InlineData("DELETE FROM events", "W-1")]
    public async Task An_edited_added_or_deleted_row_is_named_with_its_bundle_wearer_and_ledger_entry(string attack, string wearer)
    {
        await SeedAsync();
        _db.Execute(attack);
        var audit = await AuditAsync();
        Assert.False(audit.IsValid);
        var problem = Assert.Single(audit.Problems);
        Assert.Contains($"of wearer {wearer}", problem, StringComparison.Ordinal);
        Assert.Contains("no longer hash to the content ledger entry", problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_row_moved_to_another_wearer_is_named()
    {
        await SeedAsync();
        _db.Execute("UPDATE observations SET wearer = (SELECT id FROM wearers WHERE code = 'W-3') WHERE wearer = (SELECT id FROM wearers WHERE code = 'W-1') AND sign = 1 AND time_ms = (SELECT MIN(time_ms) FROM observations)");
        var audit = await AuditAsync();
        Assert.False(audit.IsValid);
        Assert.Contains(audit.Problems, p => p.Contains("filed under another wearer", StringComparison.Ordinal) && p.Contains("W-1", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_deleted_bundle_and_a_bundle_added_outside_ingest_are_named()
    {
        await SeedAsync();
        _db.Execute("""
            DELETE FROM observations WHERE bundle = (SELECT b.id FROM bundles b JOIN wearers w ON w.id = b.wearer WHERE w.code = 'W-3');
            DELETE FROM bundles WHERE wearer = (SELECT id FROM wearers WHERE code = 'W-3');
            INSERT INTO bundles (uid, wearer, patch, created_ms, received_ms, observation_count, content_sha256)
                SELECT randomblob(16), wearer, patch, created_ms, received_ms, 0, content_sha256 FROM bundles LIMIT 1;
            """);
        var audit = await AuditAsync();
        Assert.False(audit.IsValid);
        Assert.Contains(audit.Problems, p => p.Contains("is no longer stored (deleted)", StringComparison.Ordinal));
        Assert.Contains(audit.Problems, p => p.Contains("no BundleAccepted entry accepted it", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Database_files_and_keys_are_readable_by_their_owner_only()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "Unix file modes");
        await SeedAsync();
        await using var store = SqliteHermesStore.Open(_db.Path, _time);
        foreach (var file in new[] { _db.Path, _db.Path + "-wal", _db.Path + "-shm", _db.Path + ".ledger-key", _db.Path + ".recipient-key" })
        {
            Assert.True(File.Exists(file), file);
#pragma warning disable CA1416 // skipped on Windows above
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
#pragma warning restore CA1416
        }
    }

    [Fact]
    public async Task A_database_written_by_a_newer_schema_is_refused_with_the_versions_named()
    {
        await SeedAsync();
        _db.Execute("INSERT INTO schema_migrations (version, name, applied_ms) VALUES (99, 'future', 0)");
        var error = await Assert.ThrowsAsync<IOException>(async () => await SqliteHermesStore.Open(_db.Path, _time).DisposeAsync());
        Assert.Contains("schema version 99, newer than this program's", error.Message, StringComparison.Ordinal);
    }
}
