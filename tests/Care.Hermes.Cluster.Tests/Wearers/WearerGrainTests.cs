using Care.Core.Bundles;
using Care.Core.Ids;
using Care.Hermes.Cluster.Wearers;
using Care.Hermes.Hosting;
using Care.Hermes.Ingest;
using Care.Hermes.Storage;
using Care.Hermes.Storage.Sqlite;
using Care.Hermes.Tests;
using Care.Trust.Bundles;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace Care.Hermes.Cluster.Tests.Wearers;

/// <summary>
/// The wearer grain in one in-process silo (localhost clustering) composed as <c>care serve --cluster</c>
/// composes it: the ingestor opens each upload, <see cref="GrainWearerRouter"/> takes it to the wearer's
/// grain, and the grain stores it. A reference Hermes without a router (single node) ingests the same
/// bundles; their answers, risk outputs and alerts must be the same.
/// </summary>
public sealed class WearerGrainTests : IAsyncLifetime
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "care-cluster-" + Guid.NewGuid().ToString("N")[..12]);
    private readonly FakeTimeProvider _time = new(Vitals.Now);
    private IHost _silo = null!;
    private HermesComposition _cluster = null!;
    private HermesComposition _single = null!;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        Directory.CreateDirectory(_folder);
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton(sp => HermesComposition.Open(
            SqliteBackend.Options(Path.Combine(_folder, "cluster.db")), _time, router: new GrainWearerRouter(sp.GetRequiredService<IGrainFactory>())));
        builder.Services.AddSingleton(sp => sp.GetRequiredService<HermesComposition>().Ingestor);
        builder.UseOrleans(silo => silo.UseLocalhostClustering(ClusterPaths.FreePort(), ClusterPaths.FreePort()));
        _silo = builder.Build();
        await _silo.StartAsync(Cancel);
        _cluster = _silo.Services.GetRequiredService<HermesComposition>();
        _single = HermesComposition.Open(SqliteBackend.Options(Path.Combine(_folder, "single.db")), _time);
    }

    public async ValueTask DisposeAsync()
    {
        await _single.DisposeAsync();
        await _silo.StopAsync(CancellationToken.None);
        _silo.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task Given_a_cluster_silo_When_a_wearer_uploads_Then_the_upload_is_stored_by_that_wearers_grain_and_answered_as_one_node_answers()
    {
        var devices = new TestDevices(_cluster.Store, _cluster.Recipient.PublicKey);
        byte[] sealedBundle = await devices.SealAsync(Vitals.Minutes("W-route", Vitals.Start, 30));

        var stored = await _cluster.Ingestor.IngestAsync(sealedBundle, Cancel);
        var resent = await _cluster.Ingestor.IngestAsync(sealedBundle, Cancel);

        Assert.Equal(IngestStatus.Stored, stored.Status);
        Assert.Equal(150, stored.ObservationsStored);
        Assert.NotNull(stored.Promise);
        Assert.Equal(IngestStatus.AlreadyStored, resent.Status);
        Assert.Equal(150, await _cluster.Store.CountObservationsAsync([WearerId.Parse("W-route")], Cancel));
        // The grain that stored it is the one keyed by the wearer, and no other wearer's grain was made.
        var management = _silo.Services.GetRequiredService<IGrainFactory>().GetGrain<IManagementGrain>(0);
        // Orleans's generated proxy offers a CancellationToken overload the analyzer sees; WaitAsync bounds the call instead.
#pragma warning disable xUnit1051
        var statistics = await management.GetDetailedGrainStatistics().WaitAsync(Cancel);
#pragma warning restore xUnit1051
        var active = statistics
            .Where(s => s.GrainType.Contains(nameof(WearerGrain), StringComparison.Ordinal))
            .Select(s => s.GrainId.Key.ToString())
            .ToList();
        Assert.Equal(["W-route"], active);
    }

    [Fact]
    public async Task Given_an_upload_for_one_wearer_When_it_reaches_another_wearers_grain_Then_it_is_refused_and_nothing_is_stored()
    {
        var devices = new TestDevices(_cluster.Store, _cluster.Recipient.PublicKey);
        var (_, opened) = await _cluster.Ingestor.OpenAsync(await devices.SealAsync(Vitals.Minutes("W-a", Vitals.Start, 30)), Cancel);
        var grain = _silo.Services.GetRequiredService<IGrainFactory>().GetGrain<IWearerGrain>("W-b");

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => grain.IngestAsync(WearerUpload.From(opened!)));

        Assert.Contains("reached the grain of W-b", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, await _cluster.Store.CountObservationsAsync([WearerId.Parse("W-a")], Cancel));
    }

    [Fact]
    public async Task Given_one_wearers_uploads_in_turn_When_stored_through_the_grain_Then_they_are_stored_in_order_with_the_single_node_risk_and_alerts()
    {
        var clusterDevices = new TestDevices(_cluster.Store, _cluster.Recipient.PublicKey);
        var singleDevices = new TestDevices(_single.Store, _single.Recipient.PublicKey);
        // Three wearers at once, each wearer's half-hours in order; one deteriorates, which raises alerts.
        string[] wearers = ["W-1", "W-2", "W-3"];
        var bundles = wearers.ToDictionary(w => w, w => Enumerable.Range(0, 6)
            .Select(i => Vitals.Minutes(w, Vitals.Start.AddMinutes(30 * i), 30, ill: w == "W-2" && i >= 3)).ToList());
        var sealedFor = new Dictionary<string, List<(byte[] Cluster, byte[] Single)>>();
        foreach (var (wearer, list) in bundles)
        {
            var pairs = new List<(byte[], byte[])>();
            foreach (var bundle in list)
            {
                pairs.Add((await clusterDevices.SealAsync(bundle), await singleDevices.SealAsync(bundle)));
            }
            sealedFor[wearer] = pairs;
        }

        var answers = await Task.WhenAll(wearers.Select(async w =>
        {
            var results = new List<IngestResult>();
            foreach (var (sealedBundle, _) in sealedFor[w])
            {
                results.Add(await _cluster.Ingestor.IngestAsync(sealedBundle, Cancel));
            }
            return results;
        }));
        foreach (var w in wearers)
        {
            foreach (var (_, sealedBundle) in sealedFor[w])
            {
                await _single.Ingestor.IngestAsync(sealedBundle, Cancel);
            }
        }

        Assert.All(answers.SelectMany(a => a), a => Assert.Equal(IngestStatus.Stored, a.Status));
        Assert.Equal(bundles.Values.SelectMany(b => b).Select(b => b.BundleId), answers.SelectMany(a => a).Select(a => a.BundleId));
        foreach (var w in wearers)
        {
            var wearer = WearerId.Parse(w);
            Assert.Equal(6 * 150, await _cluster.Store.CountObservationsAsync([wearer], Cancel));
            Assert.Equal(await _single.Store.GetLatestRiskAsync(wearer, Cancel), await _cluster.Store.GetLatestRiskAsync(wearer, Cancel));
            Assert.Equal(await AlertsAsync(_single.Store, wearer), await AlertsAsync(_cluster.Store, wearer));
        }
        Assert.NotEmpty(await AlertsAsync(_cluster.Store, WearerId.Parse("W-2")));
        // The ledger holds each wearer's BundleAccepted entries in the order the wearer uploaded them
        // (the sequencer, a background service in care serve, includes the pending acts first).
        await ((Ledger.ILedgerOutboxStore)_cluster.Store).Sequencer.SequenceAsync(Cancel);
        var entries = new List<string>();
        using (var ledger = Storage.Sqlite.Ledger.SqliteLedgerFile.OpenReadOnly(Path.Combine(_folder, "cluster.db")))
        {
            await foreach (var record in ledger.Ledger.ReadEntriesAsync(Cancel))
            {
                entries.Add(System.Text.Encoding.UTF8.GetString(record.Data));
            }
        }
        foreach (var w in wearers)
        {
            var expected = bundles[w].Select(b => b.BundleId.ToString()).ToList();
            var accepted = entries.Where(json => json.Contains("BundleAccepted", StringComparison.Ordinal))
                .Select(json => expected.FirstOrDefault(id => json.Contains(id, StringComparison.Ordinal))).OfType<string>();
            Assert.Equal(expected, accepted);
        }
    }

    [Fact]
    public async Task Given_a_replayed_upload_When_the_grain_refuses_it_Then_the_receiving_silo_throws_the_single_nodes_rejection_with_its_words()
    {
        var clusterDevices = new TestDevices(_cluster.Store, _cluster.Recipient.PublicKey);
        var bundle = Vitals.Minutes("W-replay", Vitals.Start, 30);
        await _cluster.Ingestor.IngestAsync(await clusterDevices.SealAsync(bundle), Cancel);
        // The same sequence number again, on different content: a replay, refused under the wearer's grain.
        byte[] replay = BundleSealer.Seal(BundleWriter.Write(Vitals.Minutes("W-replay", Vitals.Start.AddMinutes(30), 30)), "P-W-replay", 1, TestDevices.SharedKey, _cluster.Recipient.PublicKey, Vitals.Now);

        var error = await Assert.ThrowsAsync<BundleRejectedException>(() => _cluster.Ingestor.IngestAsync(replay, Cancel));

        Assert.Equal(BundleRejection.Replayed, error.Reason);
        Assert.Equal(1, Count(error.Message, "bundle rejected ("));
        Assert.Equal(150, await _cluster.Store.CountObservationsAsync([WearerId.Parse("W-replay")], Cancel));
    }

    private static async Task<List<string>> AlertsAsync(IHermesStore store, WearerId wearer) =>
        [.. (await store.GetAlertsAsync(new AlertQuery(null, Clinical.EarlyWarning.News2Level.Low, null, [wearer], 1000), Cancel))
            .Select(a => $"{a.Kind} {a.RaisedAt:O} {a.Level} {a.Score} {a.Reason}").Order(StringComparer.Ordinal)];

    private static int Count(string text, string part) => (text.Length - text.Replace(part, "", StringComparison.Ordinal).Length) / part.Length;
}
