using Care.Core.Bundles;
using Care.Hermes.Hosting;
using Care.Hermes.Ingest;
using Care.Hermes.Risk;
using Care.Hermes.Storage;
using Care.Hermes.Storage.Sqlite;
using Care.Hermes.Tests.Ingest;
using Microsoft.Extensions.Time.Testing;

namespace Care.Hermes.Tests.Risk;

/// <summary>The sepsis model's per-wearer state across resends, crashes and restarts.</summary>
public sealed class ModelRiskIngestTests : IDisposable
{
    private static readonly Clinical.Sepsis.SepsisModel Model = Clinical.Sepsis.SepsisModel.Load(ModelFile.Path);
    private readonly TempDatabase _db = new();
    private readonly TempDatabase _reference = new();
    private readonly FakeTimeProvider _time = new(Vitals.Now);

    public void Dispose()
    {
        _db.Dispose();
        _reference.Dispose();
    }

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private static SepsisRiskScoring NewScoring() => new(Model, "test-model");

    /// <summary>Three bundles: 10 h steady, 5 h ill, 5 h steady.</summary>
    private static Bundle[] Course() =>
    [
        Vitals.Minutes("W-41", Vitals.Start, 600),
        Vitals.Minutes("W-41", Vitals.Start.AddHours(10), 300, ill: true),
        Vitals.Minutes("W-41", Vitals.Start.AddHours(15), 300),
    ];

    private async Task<IngestResult> IngestAsync(IHermesStore store, string dbPath, TestDevices devices, Bundle bundle, SepsisRiskScoring scoring) =>
        await new BundleIngestor(store, HermesKeys.Recipient(dbPath), _time, BundleLimits.Default, scoring).IngestAsync(await devices.SealAsync(bundle), Cancel);

    private static TestDevices Devices(IHermesStore store, string dbPath) => new(store, HermesKeys.Recipient(dbPath).PublicKey);

    /// <summary>Every stored model-risk row as text: hour, time, score, level, probability, interval, contributions.</summary>
    private static List<string> Rows(TempDatabase db)
    {
        using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={db.Path};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT hour, time_ms, score, level, probability, probability_low, probability_high, contributions, hex(inputs) FROM model_risks ORDER BY time_ms";
        using var reader = command.ExecuteReader();
        var rows = new List<string>();
        while (reader.Read())
        {
            rows.Add(string.Join('|', Enumerable.Range(0, reader.FieldCount).Select(i => Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture))));
        }
        return rows;
    }

    /// <summary>The same course ingested cleanly in one process: what every other path must reproduce.</summary>
    private async Task<List<string>> ReferenceAsync()
    {
        await using (var store = SqliteHermesStore.Open(_reference.Path, _time))
        {
            var devices = Devices(store, _reference.Path);
            var scoring = NewScoring();
            foreach (var bundle in Course())
            {
                await IngestAsync(store, _reference.Path, devices, bundle, scoring);
            }
            Assert.Equal(1, scoring.Rebuilds);
        }
        return Rows(_reference);
    }

    [Fact]
    public async Task Each_closed_hour_is_scored_once_and_an_identical_resend_scores_nothing()
    {
        var course = Course();
        await using var store = SqliteHermesStore.Open(_db.Path, _time);
        var devices = Devices(store, _db.Path);
        var scoring = NewScoring();
        await IngestAsync(store, _db.Path, devices, course[0], scoring);
        Assert.Equal(9, _db.Scalar("SELECT COUNT(*) FROM model_risks"));
        var again = await IngestAsync(store, _db.Path, devices, course[0], scoring);
        Assert.Equal(IngestStatus.AlreadyStored, again.Status);
        Assert.Equal(9, _db.Scalar("SELECT COUNT(*) FROM model_risks"));
        await IngestAsync(store, _db.Path, devices, course[1], scoring);
        await IngestAsync(store, _db.Path, devices, course[2], scoring);
        // 20 h of data: hours 0..18 closed, one row each, numbered without gaps; the scorer was built once.
        Assert.Equal(19, _db.Scalar("SELECT COUNT(*) FROM model_risks"));
        Assert.Equal(18, _db.Scalar("SELECT MAX(hour) FROM model_risks"));
        Assert.Equal(1, scoring.Rebuilds);
        Assert.Equal(await ReferenceAsync(), Rows(_db));
        // The ill hours raised model alerts (how many episodes depends on the shipped model), each explained and stored with its kind.
        long alerts = _db.Scalar("SELECT COUNT(*) FROM alerts WHERE kind = 1");
        Assert.True(alerts >= 1, "the ill hours raise a model alert");
        Assert.Equal(alerts, _db.Scalar("SELECT COUNT(*) FROM alerts WHERE kind = 1 AND details IS NOT NULL"));
        Assert.Equal(_reference.Scalar("SELECT COUNT(*) FROM alerts WHERE kind = 1"), alerts);
    }

    [Fact]
    public async Task Crash_mid_bundle_leaves_model_risk_as_committed_and_the_retry_matches_a_clean_run()
    {
        var course = Course();
        var scoring = NewScoring();
        await using (var store = SqliteHermesStore.Open(_db.Path, _time))
        {
            var devices = Devices(store, _db.Path);
            await IngestAsync(store, _db.Path, devices, course[0], scoring);
            // The model scored the ill hours and advanced the scorer, then the transaction failed.
            var crashing = new BundleIngestorTests.CrashingStore(store);
            await Assert.ThrowsAsync<IOException>(async () =>
                await new BundleIngestor(crashing, HermesKeys.Recipient(_db.Path), _time, BundleLimits.Default, scoring).IngestAsync(await devices.SealAsync(course[1]), Cancel));
            Assert.Equal(9, _db.Scalar("SELECT COUNT(*) FROM model_risks"));
            Assert.Equal(0, _db.Scalar("SELECT COUNT(*) FROM alerts WHERE kind = 1"));
            // The retry does not trust the advanced scorer: it rebuilds it from the 9 committed hours.
            await IngestAsync(store, _db.Path, devices, course[1], scoring);
            Assert.Equal(2, scoring.Rebuilds);
            await IngestAsync(store, _db.Path, devices, course[2], scoring);
        }
        Assert.Equal(await ReferenceAsync(), Rows(_db));
        Assert.Equal(_reference.Scalar("SELECT COUNT(*) FROM alerts WHERE kind = 1"), _db.Scalar("SELECT COUNT(*) FROM alerts WHERE kind = 1"));
    }

    [Fact]
    public async Task After_a_restart_the_scorer_is_rebuilt_from_stored_hours_and_scores_as_if_never_stopped()
    {
        var course = Course();
        TestDevices devices;
        await using (var store = SqliteHermesStore.Open(_db.Path, _time))
        {
            // The patch is registered through the first store; its sequence numbers carry over.
            devices = Devices(store, _db.Path);
            await IngestAsync(store, _db.Path, devices, course[0], NewScoring());
            await IngestAsync(store, _db.Path, devices, course[1], NewScoring());
        }
        var scoring = NewScoring();
        await using (var store = SqliteHermesStore.Open(_db.Path, _time))
        {
            await IngestAsync(store, _db.Path, devices, course[2], scoring);
            var latest = await store.GetLatestModelRiskAsync(Core.Ids.WearerId.Parse("W-41"), Cancel);
            Assert.NotNull(latest);
            Assert.Equal(18, latest.Hour);
            Assert.Equal(Vitals.Start.AddHours(19), latest.Time);
            Assert.Equal(7, latest.Inputs.Count);
            Assert.Equal(70f, latest.Inputs[0]);
            Assert.True(float.IsNaN(latest.Inputs[4]), "no diastolic pressure, so no MAP");
        }
        Assert.Equal(1, scoring.Rebuilds);
        Assert.Equal(await ReferenceAsync(), Rows(_db));
    }

    /// <summary>How far a mild deterioration moves the vitals towards the ill picture (with the shipped model it holds Elevated for hours before it climbs).</summary>
    private const double Severity = 0.45;

    /// <summary>Per-minute vitals that move linearly from steady to the ill picture over <paramref name="rampMinutes"/> from the ramp's start, then stay there.</summary>
    private static Bundle Ramp(string wearer, DateTimeOffset rampStart, DateTimeOffset from, int minutes, int rampMinutes)
    {
        var list = new List<Core.Observations.Observation>(minutes * 5);
        for (int m = 0; m < minutes; m++)
        {
            var t = from.AddMinutes(m);
            double f = Severity * Math.Clamp((t - rampStart).TotalMinutes / rampMinutes, 0, 1);
            double V(double steady, double ill) => steady + f * (ill - steady);
            list.Add(new(Core.Observations.VitalSign.HeartRate, t, V(70, 135)));
            list.Add(new(Core.Observations.VitalSign.OxygenSaturation, t, V(98, 90)));
            list.Add(new(Core.Observations.VitalSign.BodyTemperature, t, V(36.8, 39.5)));
            list.Add(new(Core.Observations.VitalSign.RespiratoryRate, t, V(15, 26)));
            list.Add(new(Core.Observations.VitalSign.SystolicBloodPressure, t, V(125, 88)));
        }
        return new Bundle(Guid.NewGuid(), Core.Ids.PatchId.Parse("P-" + wearer), Core.Ids.WearerId.Parse(wearer), from.AddMinutes(minutes), list);
    }

    /// <summary>Every stored model alert as text: time, level, score, reason.</summary>
    private static List<string> ModelAlerts(TempDatabase db)
    {
        using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={db.Path};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT raised_ms, level, score, reason FROM alerts WHERE kind = 1 ORDER BY raised_ms";
        using var reader = command.ExecuteReader();
        var alerts = new List<string>();
        while (reader.Read())
        {
            alerts.Add($"{reader.GetInt64(0)}|{reader.GetInt64(1)}|{reader.GetInt64(2)}|{reader.GetString(3)}");
        }
        return alerts;
    }

    [Fact]
    public async Task A_full_scorer_cache_drops_the_least_recently_used_wearers_and_rebuilds_them_to_the_same_risks()
    {
        // Three wearers, two bundles each, taken in turns; the small cache holds two of them.
        string[] wearers = ["W-51", "W-52", "W-53"];
        Bundle[] First(string w) => [Vitals.Minutes(w, Vitals.Start, 600), Vitals.Minutes(w, Vitals.Start.AddHours(10), 300, ill: true)];
        var rounds = wearers.Select(First).ToList();
        async Task<SepsisRiskScoring> RunAsync(TempDatabase db, SepsisRiskScoring scoring)
        {
            await using var store = SqliteHermesStore.Open(db.Path, _time);
            var devices = Devices(store, db.Path);
            for (int round = 0; round < 2; round++)
            {
                foreach (var course in rounds)
                {
                    await IngestAsync(store, db.Path, devices, course[round], scoring);
                }
            }
            return scoring;
        }

        var unbounded = await RunAsync(_reference, NewScoring());
        var small = await RunAsync(_db, new SepsisRiskScoring(Model, "test-model") { Capacity = 2 });

        Assert.Equal(3, unbounded.Rebuilds);
        Assert.Equal(0, unbounded.Evictions);
        // Each return of a third wearer drops the least recently used one, which the next turn
        // rebuilds: W-51 after round 1, then W-52, W-53 and W-51 again in round 2 (the last not rebuilt).
        Assert.Equal(4, small.Evictions);
        Assert.Equal(2, small.CachedWearers);
        Assert.Equal(6, small.Rebuilds);
        Assert.Equal(Rows(_reference), Rows(_db));
        Assert.Throws<ArgumentOutOfRangeException>(() => new SepsisRiskScoring(Model, "test-model") { Capacity = 0 });
    }

    /// <summary>
    /// 20 h steady, then 12 hourly bundles while the vitals drift towards a mild ill picture over 10 h,
    /// ingested without a stop into the reference database; returns the course.
    /// </summary>
    private async Task<Bundle[]> SlowDeteriorationReferenceAsync(string wearer)
    {
        var rampStart = Vitals.Start.AddHours(20);
        Bundle[] course =
        [
            Vitals.Minutes(wearer, Vitals.Start, 20 * 60),
            .. Enumerable.Range(0, 12).Select(h => Ramp(wearer, rampStart, rampStart.AddHours(h), 60, 600)),
        ];
        await using var store = SqliteHermesStore.Open(_reference.Path, _time);
        var devices = Devices(store, _reference.Path);
        var scoring = NewScoring();
        foreach (var bundle in course)
        {
            await IngestAsync(store, _reference.Path, devices, bundle, scoring);
        }
        return course;
    }

    [Fact]
    public async Task A_restart_after_every_hour_of_a_slow_deterioration_raises_exactly_the_alerts_of_a_run_that_never_stopped()
    {
        // The alert policy's run and trend straddle bundle boundaries, and every boundary is a restart.
        var course = await SlowDeteriorationReferenceAsync("W-43");
        TestDevices devices;
        await using (var store = SqliteHermesStore.Open(_db.Path, _time))
        {
            devices = Devices(store, _db.Path);
            await IngestAsync(store, _db.Path, devices, course[0], NewScoring());
        }
        foreach (var bundle in course.Skip(1))
        {
            await using var store = SqliteHermesStore.Open(_db.Path, _time);
            var scoring = NewScoring();
            await IngestAsync(store, _db.Path, devices, bundle, scoring);
            Assert.Equal(1, scoring.Rebuilds);
        }
        var expected = ModelAlerts(_reference);
        Assert.NotEmpty(expected);
        Assert.All(expected, a => Assert.Contains("Alert policy:", a, StringComparison.Ordinal));
        Assert.Equal(Rows(_reference), Rows(_db));
        Assert.Equal(expected, ModelAlerts(_db));
    }

    [Fact]
    public async Task A_state_written_before_the_alert_policy_has_its_run_rebuilt_from_stored_hours_and_alerts_as_if_never_stopped()
    {
        var course = await SlowDeteriorationReferenceAsync("W-44");
        await using (var store = SqliteHermesStore.Open(_db.Path, _time))
        {
            var devices = Devices(store, _db.Path);
            var scoring = NewScoring();
            foreach (var bundle in course)
            {
                await IngestAsync(store, _db.Path, devices, bundle, scoring);
                // Every bundle leaves the state as the code before the policy wrote it: episode only.
                _db.Execute("UPDATE wearers SET model_risk_state = json_remove(model_risk_state, '$.elevatedRun', '$.lastProbability') WHERE model_risk_state IS NOT NULL");
            }
        }
        var expected = ModelAlerts(_reference);
        Assert.NotEmpty(expected);
        Assert.Equal(expected, ModelAlerts(_db));
        Assert.Equal(Rows(_reference), Rows(_db));
    }
}
