using Care.Core.Bundles;
using Care.Core.Doses;
using Care.Core.Ids;
using Care.Hermes.Hosting;
using Care.Hermes.Ingest;
using Care.Hermes.Storage;
using Care.Hermes.Storage.Sqlite;
using Microsoft.Extensions.Time.Testing;

namespace Care.Hermes.Tests.Ingest;

public sealed class DoseIngestTests : IDisposable
{
    private readonly TempDatabase _db = new();
    private readonly FakeTimeProvider _time = new(Vitals.Now);
    private TestDevices? _devices;

    public void Dispose() => _db.Dispose();

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private async Task<IngestResult> IngestAsync(IHermesStore store, Bundle bundle)
    {
        _devices ??= new TestDevices(store, HermesKeys.Recipient(_db.Path).PublicKey);
        var ingestor = new BundleIngestor(store, HermesKeys.Recipient(_db.Path), _time, BundleLimits.Default);
        return await ingestor.IngestAsync(await _devices.SealAsync(bundle), Cancel);
    }

    [Fact]
    public async Task Doses_are_stored_with_their_bundle_and_read_back_in_time_order()
    {
        await using var store = SqliteHermesStore.Open(_db.Path, _time);
        var bundle = Vitals.Glucose("W-1", Vitals.Start, 60);
        var result = await IngestAsync(store, bundle);

        Assert.Equal(IngestStatus.Stored, result.Status);
        var wearer = WearerId.Parse("W-1");
        Assert.Equal(12, await store.CountDosesAsync([wearer], Cancel));
        Assert.Equal(12, await store.CountObservationsAsync([wearer], Cancel));
        var all = await store.QueryDosesAsync(new DoseQuery(wearer, null, null, 100), Cancel);
        Assert.Equal(bundle.Doses, all);
        Assert.Equal(DoseDeliveryReason.Suspend, all[5].Reason);
        var window = await store.QueryDosesAsync(new DoseQuery(wearer, Vitals.Start.AddMinutes(10), Vitals.Start.AddMinutes(30), 100), Cancel);
        Assert.Equal(bundle.Doses.Skip(2).Take(4), window);
        Assert.Equal(1, _db.Scalar("SELECT COUNT(DISTINCT bundle) FROM doses"));
    }

    [Fact]
    public async Task Resending_a_bundle_with_doses_stores_them_once()
    {
        await using var store = SqliteHermesStore.Open(_db.Path, _time);
        var bundle = Vitals.Glucose("W-1", Vitals.Start, 30);
        await IngestAsync(store, bundle);
        var again = await IngestAsync(store, bundle);
        Assert.Equal(IngestStatus.AlreadyStored, again.Status);
        Assert.Equal(6, _db.Scalar("SELECT COUNT(*) FROM doses"));
    }

    [Fact]
    public async Task Bundle_whose_doses_overlap_stored_doses_is_a_conflict_and_stores_nothing()
    {
        await using var store = SqliteHermesStore.Open(_db.Path, _time);
        await IngestAsync(store, Vitals.Glucose("W-1", Vitals.Start, 60));
        // Observations after the stored ones, but a dose at a time already covered.
        var later = Vitals.Glucose("W-1", Vitals.Start.AddHours(2), 30);
        var overlapping = later with { Doses = [later.Doses[0] with { Time = Vitals.Start.AddMinutes(55) }, .. later.Doses.Skip(1)] };
        var e = await Assert.ThrowsAsync<IngestConflictException>(() => IngestAsync(store, overlapping));
        Assert.Equal("$.doses[0].time", e.Where);
        Assert.Equal(12, _db.Scalar("SELECT COUNT(*) FROM doses"));
        Assert.Equal(12, _db.Scalar("SELECT COUNT(*) FROM observations"));
        Assert.Equal(1, _db.Scalar("SELECT COUNT(*) FROM bundles"));
    }

    [Fact]
    public async Task Doses_of_one_wearer_are_not_counted_for_another()
    {
        await using var store = SqliteHermesStore.Open(_db.Path, _time);
        await IngestAsync(store, Vitals.Glucose("W-1", Vitals.Start, 60));
        await IngestAsync(store, Vitals.Minutes("W-2", Vitals.Start, 10));
        Assert.Equal(0, await store.CountDosesAsync([WearerId.Parse("W-2")], Cancel));
        Assert.Empty(await store.QueryDosesAsync(new DoseQuery(WearerId.Parse("W-2"), null, null, 10), Cancel));
    }
}
