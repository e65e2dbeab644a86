using Care.Core.Bundles;
using Care.Core.Errors;
using Care.Core.Ids;
using Care.Hermes.Ingest;
using Care.Hermes.Storage;
using Care.Hermes.Storage.Sqlite;
using Care.Hermes.Hosting;
using Care.Trust.Bundles;
using Care.Trust.Identity;
using Care.Trust.Ledger;
using Care.Trust.Ledger.Entries;
using Microsoft.Extensions.Time.Testing;

namespace Care.Hermes.Tests.Ingest;

public sealed class BundleIngestorTests : IDisposable
{
    private readonly TempDatabase _db = new();
    private readonly FakeTimeProvider _time = new(Vitals.Now);

    public void Dispose() => _db.Dispose();

    private TestDevices? _devices;

    private BundleIngestor Ingestor(IHermesStore store) => new(store, HermesKeys.Recipient(_db.Path), _time, BundleLimits.Default);

    private Task<byte[]> Seal(IHermesStore store, Bundle bundle)
    {
        _devices ??= new TestDevices(store, HermesKeys.Recipient(_db.Path).PublicKey);
        return _devices.SealAsync(bundle);
    }

    [Fact]
    public async Task Bundle_is_stored_whole_and_resending_it_stores_nothing_twice()
    {
        await using var store = SqliteHermesStore.Open(_db.Path, _time);
        var bundle = Vitals.Minutes("W-1", Vitals.Start, 60);
        var first = await Ingestor(store).IngestAsync(await Seal(store, bundle), TestContext.Current.CancellationToken);
        var again = await Ingestor(store).IngestAsync(await Seal(store, bundle), TestContext.Current.CancellationToken);
        Assert.Equal(IngestStatus.Stored, first.Status);
        Assert.Equal(IngestStatus.AlreadyStored, again.Status);
        Assert.Equal(first.ContentSha256, again.ContentSha256);
        Assert.Equal(300, await store.CountObservationsAsync([WearerId.Parse("W-1")], TestContext.Current.CancellationToken));
        Assert.Equal(1, _db.Scalar("SELECT COUNT(*) FROM bundles"));
    }

    [Fact]
    public async Task Same_content_with_other_whitespace_is_still_the_same_bundle()
    {
        await using var store = SqliteHermesStore.Open(_db.Path, _time);
        var bundle = Vitals.Minutes("W-1", Vitals.Start, 5);
        var bytes = Vitals.Encode(bundle);
        await Ingestor(store).IngestAsync(await Seal(store, bundle), TestContext.Current.CancellationToken);
        var spaced = System.Text.Json.Nodes.JsonNode.Parse(bytes)!.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true });
        _devices ??= new TestDevices(store, HermesKeys.Recipient(_db.Path).PublicKey);
        var result = await Ingestor(store).IngestAsync(await _devices.SealAsync(spaced, bundle.PatchId.Value), TestContext.Current.CancellationToken);
        Assert.Equal(IngestStatus.AlreadyStored, result.Status);
    }

    [Fact]
    public async Task Reused_bundle_id_with_other_content_is_a_conflict_and_stores_nothing()
    {
        await using var store = SqliteHermesStore.Open(_db.Path, _time);
        var id = Guid.NewGuid();
        await Ingestor(store).IngestAsync(await Seal(store, Vitals.Minutes("W-1", Vitals.Start, 5, id: id)), TestContext.Current.CancellationToken);
        var e = await Assert.ThrowsAsync<IngestConflictException>(async () =>
            await Ingestor(store).IngestAsync(await Seal(store, Vitals.Minutes("W-1", Vitals.Start.AddHours(1), 5, id: id)), TestContext.Current.CancellationToken));
        Assert.Equal("$.bundleId", e.Where);
        Assert.Equal(25, _db.Scalar("SELECT COUNT(*) FROM observations"));
    }

    [Fact]
    public async Task Bundle_overlapping_stored_data_is_a_conflict()
    {
        await using var store = SqliteHermesStore.Open(_db.Path, _time);
        await Ingestor(store).IngestAsync(await Seal(store, Vitals.Minutes("W-1", Vitals.Start, 60)), TestContext.Current.CancellationToken);
        var e = await Assert.ThrowsAsync<IngestConflictException>(async () =>
            await Ingestor(store).IngestAsync(await Seal(store, Vitals.Minutes("W-1", Vitals.Start.AddMinutes(30), 60)), TestContext.Current.CancellationToken));
        Assert.Equal("$.observations[0].time", e.Where);
        Assert.Equal(300, _db.Scalar("SELECT COUNT(*) FROM observations"));
    }

    [Fact]
    public async Task Invalid_bundle_stores_nothing()
    {
        await using var store = SqliteHermesStore.Open(_db.Path, _time);
        var bytes = Vitals.Encode(Vitals.Minutes("W-1", Vitals.Start, 5));
        _devices ??= new TestDevices(store, HermesKeys.Recipient(_db.Path).PublicKey);
        var broken = await _devices.SealAsync(bytes.AsSpan(0, bytes.Length - 10).ToArray(), "P-W-1");
        await Assert.ThrowsAsync<InvalidInputException>(() => Ingestor(store).IngestAsync(broken, TestContext.Current.CancellationToken));
        Assert.Equal(0, _db.Scalar("SELECT COUNT(*) FROM observations"));
        Assert.Equal(0, _db.Scalar("SELECT COUNT(*) FROM bundles"));
    }

    [Fact]
    public async Task Crash_in_the_middle_of_an_ingest_leaves_nothing_and_the_retry_stores_once()
    {
        byte[] bundle;
        await using (var store = SqliteHermesStore.Open(_db.Path, _time))
        {
            bundle = await Seal(store, Vitals.Minutes("W-1", Vitals.Start, 120, ill: true));
            var crashing = new CrashingStore(store);
            await Assert.ThrowsAsync<IOException>(() => Ingestor(crashing).IngestAsync(bundle, TestContext.Current.CancellationToken));
        }
        Assert.Equal(0, _db.Scalar("SELECT COUNT(*) FROM observations"));
        Assert.Equal(0, _db.Scalar("SELECT COUNT(*) FROM alerts"));
        Assert.Equal(0, _db.Scalar("SELECT COUNT(*) FROM ledger_entries WHERE kind = 'BundleAccepted'"));
        await using (var reopened = SqliteHermesStore.Open(_db.Path, _time))
        {
            var result = await Ingestor(reopened).IngestAsync(bundle, TestContext.Current.CancellationToken);
            Assert.Equal(IngestStatus.Stored, result.Status);
        }
        Assert.Equal(600, _db.Scalar("SELECT COUNT(*) FROM observations"));
        Assert.Equal(1, _db.Scalar("SELECT COUNT(*) FROM alerts"));
        Assert.Equal(1, _db.Scalar("SELECT COUNT(*) FROM ledger_entries WHERE kind = 'BundleAccepted'"));
    }

    [Fact]
    public async Task Risk_tracking_resumes_across_bundles_and_restarts_without_repeating_alerts()
    {
        await using (var store = SqliteHermesStore.Open(_db.Path, _time))
        {
            var first = await Ingestor(store).IngestAsync(await Seal(store, Vitals.Minutes("W-1", Vitals.Start, 60, ill: true)), TestContext.Current.CancellationToken);
            Assert.Equal(1, first.AlertsRaised);
        }
        await using (var store = SqliteHermesStore.Open(_db.Path, _time))
        {
            // Still ill after a restart: the episode continues, so no second alert.
            var second = await Ingestor(store).IngestAsync(await Seal(store, Vitals.Minutes("W-1", Vitals.Start.AddHours(1), 60, ill: true)), TestContext.Current.CancellationToken);
            Assert.Equal(0, second.AlertsRaised);
            var risk = await store.GetLatestRiskAsync(WearerId.Parse("W-1"), TestContext.Current.CancellationToken);
            Assert.NotNull(risk);
            Assert.Equal(Clinical.EarlyWarning.News2Level.High, risk.Score.Level);
        }
        // 60 + 60 minutes = 8 quarter-hours; the last one stays open until more data arrives.
        Assert.Equal(7, _db.Scalar("SELECT COUNT(*) FROM risk_scores"));
    }

    [Fact]
    public async Task Opening_a_database_twice_applies_each_migration_once_in_order()
    {
        await using (SqliteHermesStore.Open(_db.Path, _time))
        {
        }
        await using (SqliteHermesStore.Open(_db.Path, _time))
        {
        }
        int shipped = Storage.Sqlite.Migrations.SqliteMigrationRunner.Scripts(Storage.Sqlite.Migrations.MigrationTrack.Hermes).Count;
        Assert.Equal(shipped, _db.Scalar("SELECT COUNT(*) FROM schema_migrations"));
        Assert.Equal(shipped, _db.Scalar("SELECT MAX(version) FROM schema_migrations"));
        Assert.Equal("wal", _db.Scalar("SELECT COUNT(*) FROM pragma_journal_mode WHERE journal_mode = 'wal'") == 1 ? "wal" : "other");
    }

    [Fact]
    public async Task A_bundle_that_fails_verification_or_parsing_is_rejected_before_any_write_session_opens()
    {
        await using var store = SqliteHermesStore.Open(_db.Path, _time);
        var counting = new CrashingStore(store, crash: false);
        var sealedBytes = await Seal(store, Vitals.Minutes("W-1", Vitals.Start, 10));
        var tampered = (byte[])sealedBytes.Clone();
        tampered[^100] ^= 0x01;
        await Assert.ThrowsAsync<BundleRejectedException>(() => Ingestor(counting).IngestAsync(tampered, TestContext.Current.CancellationToken));
        var malformed = await _devices!.SealAsync("{\"wearerId\": \"W-1\"}", "P-W-1");
        await Assert.ThrowsAsync<InvalidInputException>(() => Ingestor(counting).IngestAsync(malformed, TestContext.Current.CancellationToken));
        Assert.Equal(0, counting.SessionsOpened);
        await Ingestor(counting).IngestAsync(sealedBytes, TestContext.Current.CancellationToken);
        Assert.Equal(1, counting.SessionsOpened);
    }

    /// <summary>
    /// A store whose write session fails after the observations went in, as a crash would (or, with
    /// <paramref name="crash"/> false, forwards everything and counts the write sessions opened).
    /// </summary>
    internal sealed class CrashingStore(IHermesStore inner, bool crash = true) : IHermesStore
    {
        private int _sessions;

        public int SessionsOpened => _sessions;

        public async ValueTask<IIngestSession> BeginIngestAsync(CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref _sessions);
            var session = await inner.BeginIngestAsync(cancellationToken);
            return crash ? new CrashingSession(session) : session;
        }

        public Task<IReadOnlyList<Core.Observations.Observation>> QueryObservationsAsync(ObservationQuery query, CancellationToken cancellationToken = default) => inner.QueryObservationsAsync(query, cancellationToken);

        public Task<long> CountObservationsAsync(IReadOnlyCollection<WearerId> wearers, CancellationToken cancellationToken = default) => inner.CountObservationsAsync(wearers, cancellationToken);

        public Task<IReadOnlyList<Core.Doses.DoseDelivery>> QueryDosesAsync(DoseQuery query, CancellationToken cancellationToken = default) => inner.QueryDosesAsync(query, cancellationToken);

        public Task<long> CountDosesAsync(IReadOnlyCollection<WearerId> wearers, CancellationToken cancellationToken = default) => inner.CountDosesAsync(wearers, cancellationToken);

        public Task<IReadOnlyList<Core.Events.PatchEvent>> QueryEventsAsync(EventQuery query, CancellationToken cancellationToken = default) => inner.QueryEventsAsync(query, cancellationToken);

        public Task<IReadOnlyDictionary<Core.Events.PatchEventKind, long>> CountEventsAsync(IReadOnlyCollection<WearerId> wearers, CancellationToken cancellationToken = default) => inner.CountEventsAsync(wearers, cancellationToken);

        public Task<RiskRecord?> GetLatestRiskAsync(WearerId wearer, CancellationToken cancellationToken = default) => inner.GetLatestRiskAsync(wearer, cancellationToken);

        public Task<ModelRiskRecord?> GetLatestModelRiskAsync(WearerId wearer, CancellationToken cancellationToken = default) => inner.GetLatestModelRiskAsync(wearer, cancellationToken);

        public Task<AlertRecord?> GetAlertAsync(long alertId, CancellationToken cancellationToken = default) => inner.GetAlertAsync(alertId, cancellationToken);

        public Task<IReadOnlyList<AlertRecord>> GetAlertsAsync(AlertQuery query, CancellationToken cancellationToken = default) => inner.GetAlertsAsync(query, cancellationToken);

        public Task<bool> WearerExistsAsync(WearerId wearer, CancellationToken cancellationToken = default) => inner.WearerExistsAsync(wearer, cancellationToken);

        public IDeviceDirectory Devices => inner.Devices;

        public HybridVerificationKey LedgerKey => inner.LedgerKey;

        public Task RegisterDeviceAsync(DeviceEnrolment enrolment, CancellationToken cancellationToken = default) => inner.RegisterDeviceAsync(enrolment, cancellationToken);

        public Task<bool> EndDeviceAsync(string deviceId, DeviceEnd reason, string by, DateTimeOffset at, CancellationToken cancellationToken = default) =>
            inner.EndDeviceAsync(deviceId, reason, by, at, cancellationToken);

        public Task RecordRefusalAsync(BundleRefused refusal, CancellationToken cancellationToken = default) => inner.RecordRefusalAsync(refusal, cancellationToken);

        public Task<long> ReleaseModelAsync(string name, string version, string sha256Hex, string releasedBy, DateTimeOffset at, CancellationToken cancellationToken = default) =>
            inner.ReleaseModelAsync(name, version, sha256Hex, releasedBy, at, cancellationToken);

        public Task<ProvenRecord?> LatestModelAsync(string name, CancellationToken cancellationToken = default) => inner.LatestModelAsync(name, cancellationToken);

        public Task<long> AppendToLedgerAsync(LedgerEntry entry, CancellationToken cancellationToken = default) => inner.AppendToLedgerAsync(entry, cancellationToken);

        public Task<ProvenRecord?> ProveLatestAsync(string kind, WearerId wearer, CancellationToken cancellationToken = default) => inner.ProveLatestAsync(kind, wearer, cancellationToken);

        public Task<LedgerPage> ProveWearerAsync(WearerId wearer, long after, int limit, CancellationToken cancellationToken = default) => inner.ProveWearerAsync(wearer, after, limit, cancellationToken);

        public Task<SignedTreeHead?> PublishTreeHeadIfDueAsync(TimeSpan minInterval, CancellationToken cancellationToken = default) => inner.PublishTreeHeadIfDueAsync(minInterval, cancellationToken);

        public Task<SignedTreeHead> PublishTreeHeadAsync(CancellationToken cancellationToken = default) => inner.PublishTreeHeadAsync(cancellationToken);

        public Task<SignedTreeHead?> LatestTreeHeadAsync(CancellationToken cancellationToken = default) => inner.LatestTreeHeadAsync(cancellationToken);

        public Task<IReadOnlyList<byte[]>> ConsistencyProofAsync(long from, long to, CancellationToken cancellationToken = default) => inner.ConsistencyProofAsync(from, to, cancellationToken);

        public Task<long> LedgerSizeAsync(CancellationToken cancellationToken = default) => inner.LedgerSizeAsync(cancellationToken);

        public Task<StoredBundle?> FindSealedAsync(byte[] sealedSha256, CancellationToken cancellationToken = default) => inner.FindSealedAsync(sealedSha256, cancellationToken);

        public Task AddTokenAsync(TokenRecord token, string issuedBy, CancellationToken cancellationToken = default) => inner.AddTokenAsync(token, issuedBy, cancellationToken);

        public Task<TokenRecord?> FindTokenAsync(byte[] sha256, CancellationToken cancellationToken = default) => inner.FindTokenAsync(sha256, cancellationToken);

        public Task<IReadOnlyList<WearerSummary>> ListWearersAsync(string? after, int limit, IReadOnlyCollection<WearerId>? only, CancellationToken cancellationToken = default) =>
            inner.ListWearersAsync(after, limit, only, cancellationToken);

        public Task<IReadOnlyList<TokenRecord>> ListTokensAsync(CancellationToken cancellationToken = default) => inner.ListTokensAsync(cancellationToken);

        public Task<bool> RevokeTokenAsync(string tokenId, string revokedBy, DateTimeOffset at, CancellationToken cancellationToken = default) => inner.RevokeTokenAsync(tokenId, revokedBy, at, cancellationToken);

        public Task RecordAccessAsync(string tokenId, Access.Role role, IReadOnlyCollection<WearerId> wearers, DateTimeOffset at, string action, CancellationToken cancellationToken = default) =>
            inner.RecordAccessAsync(tokenId, role, wearers, at, action, cancellationToken);

        public Task<string?> ReadinessProblemAsync(CancellationToken cancellationToken = default) => inner.ReadinessProblemAsync(cancellationToken);

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }

    private sealed class CrashingSession(IIngestSession inner) : IIngestSession
    {
        public ValueTask<long?> LastSequenceAsync(string deviceId) => inner.LastSequenceAsync(deviceId);

        public ValueTask<AlertRecord?> FindAlertAsync(long alertId) => inner.FindAlertAsync(alertId);

        public ValueTask<bool> MarkAlertAcknowledgedAsync(long alertId, string tokenId, DateTimeOffset at) => inner.MarkAlertAcknowledgedAsync(alertId, tokenId, at);

        public ValueTask SetSuppressionAsync(WearerId wearer, Care.Hermes.Alerts.AlertKind kind, DateTimeOffset until, Clinical.EarlyWarning.News2Level level) => inner.SetSuppressionAsync(wearer, kind, until, level);

        public ValueTask<LedgerRecord?> LatestLedgerEntryAsync(string kind, WearerId wearer) => inner.LatestLedgerEntryAsync(kind, wearer);

        public ValueTask<StoredBundle?> FindSealedAsync(byte[] sealedSha256) => inner.FindSealedAsync(sealedSha256);

        public ValueTask<long> AppendLedgerAsync(LedgerEntry entry) => inner.AppendLedgerAsync(entry);

        public ValueTask<StoredBundle?> FindBundleAsync(Guid bundleId) => inner.FindBundleAsync(bundleId);

        public ValueTask<WearerIngestState> GetWearerAsync(WearerId wearer) => inner.GetWearerAsync(wearer);

        public ValueTask<(DateTimeOffset? LastObservation, DateTimeOffset? LastDose)> GetPatchWatermarksAsync(PatchId patch) => inner.GetPatchWatermarksAsync(patch);

        public ValueTask<int> FindStoredEventAsync(WearerId wearer, PatchId patch, IReadOnlyList<Core.Events.PatchEvent> events) => inner.FindStoredEventAsync(wearer, patch, events);

        public ValueTask<long> AddBundleAsync(Bundle bundle, byte[] contentSha256, byte[] sealedSha256, DateTimeOffset receivedAt) => inner.AddBundleAsync(bundle, contentSha256, sealedSha256, receivedAt);

        public ValueTask<(int Stored, IReadOnlyList<IReadOnlyList<float>> Last)> GetModelRiskInputsAsync(WearerId wearer, int lastHours) => inner.GetModelRiskInputsAsync(wearer, lastHours);

        public ValueTask<IReadOnlyList<(Clinical.Sepsis.SepsisRiskLevel Level, double Probability)>> GetRecentModelRisksAsync(WearerId wearer, int hours) =>
            inner.GetRecentModelRisksAsync(wearer, hours);

        public ValueTask StoreModelRiskAsync(WearerId wearer, string modelRiskStateJson, IReadOnlyList<ModelRiskRecord> risks) =>
            inner.StoreModelRiskAsync(wearer, modelRiskStateJson, risks);

        public async ValueTask UpdateWearerAsync(WearerId wearer, long bundleKey, DateTimeOffset? lastObservation, string riskStateJson, IReadOnlyList<RiskRecord> risks, IReadOnlyList<AlertRecord> alerts)
        {
            await inner.UpdateWearerAsync(wearer, bundleKey, lastObservation, riskStateJson, risks, alerts);
            throw new IOException("simulated crash before commit");
        }

        public ValueTask CommitAsync() => inner.CommitAsync();

        public ValueTask DisposeAsync() => inner.DisposeAsync();
    }
}
