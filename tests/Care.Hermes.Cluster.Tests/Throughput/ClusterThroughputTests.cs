using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using Care.Core.Bundles;
using Care.Core.Ids;
using Care.Core.Observations;
using Care.Hermes.Access;
using Care.Hermes.Hosting;
using Care.Hermes.Storage;
using Care.Hermes.Storage.Postgres;
using Care.Hermes.Storage.Tests.Postgres;
using Care.Trust.Bundles;
using Care.Trust.Identity;
using Npgsql;

namespace Care.Hermes.Cluster.Tests.Throughput;

/// <summary>
/// Issue 12, item 7's cluster figures: ingest observations per second and upload latency (p50, p99)
/// through 1 and 3 <c>care serve --cluster</c> processes on one PostgreSQL, over HTTP, from a bounded
/// load of sealed bundles (each wearer's in turn, wearers at once, spread over the silos). A measurement,
/// not a test of speed: nothing is asserted on time, only that every upload was stored once.
/// Opt-in (<c>CARE_CLUSTER_BENCH=1</c>); <c>CARE_CLUSTER_BENCH_OUT</c> names a file the lines are appended to.
/// </summary>
public sealed class ClusterThroughputTests
{
    public const string OptIn = "CARE_CLUSTER_BENCH";

    private const int Wearers = 24;
    private const int WarmUpBundles = 1;
    private const int MeasuredBundles = 8;
    private const int MinutesPerBundle = 120;
    private const int ObservationsPerBundle = MinutesPerBundle * 5;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public async Task Cluster_ingest_throughput_and_upload_latency(int silos)
    {
        if (Environment.GetEnvironmentVariable(OptIn) != "1")
        {
            Assert.Skip($"{OptIn} is not 1: a measurement that starts Hermes processes; run it with {OptIn}=1 and CARE_TEST_POSTGRES set");
        }
        await using var database = PostgresTestDatabase.Create();
        string folder = Directory.CreateTempSubdirectory("care-bench-").FullName;
        string keys = Path.Combine(folder, "hermes.db");
        var processes = new List<SiloProcess>();
        try
        {
            var key = HybridSigningKey.Generate();
            string token;
            HybridKemPublicKey recipient;
            await using (var setup = HermesComposition.Open(PostgresBackend.Options(database.ConnectionString, keys)))
            {
                recipient = setup.Recipient.PublicKey;
                for (int w = 0; w < Wearers; w++)
                {
                    await setup.Store.RegisterDeviceAsync(new DeviceEnrolment($"P-bench-{w:D2}", HybridAlgorithms.Signature, key.PublicKey.Export(), WearerId.Parse($"W-bench-{w:D2}"), "bench-kiosk", "bench", DateTimeOffset.UtcNow), Cancel);
                }
                (_, token) = await new TokenIssuer(setup.Store, TimeProvider.System).CreateAsync(Role.Device, cancellationToken: Cancel);
            }
            var uploads = Seal(key, recipient);
            for (int i = 0; i < silos; i++)
            {
                processes.Add(SiloProcess.Start(i, database.ConnectionString, keys, folder));
            }
            await Task.WhenAll(processes.Select(s => s.WaitHealthyAsync(TimeSpan.FromMinutes(3), Cancel)));

            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(120) };
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
            // Warm-up: every wearer's first bundle (grain activation, connection pools, JIT), not measured.
            await Task.WhenAll(Enumerable.Range(0, Wearers).Select(async w =>
            {
                for (int b = 0; b < WarmUpBundles; b++)
                {
                    await UploadAsync(http, processes[(w + b) % silos], uploads[w][b]);
                }
            }));
            var latencies = new List<double>[Wearers];
            var clock = Stopwatch.StartNew();
            await Task.WhenAll(Enumerable.Range(0, Wearers).Select(async w =>
            {
                latencies[w] = [];
                for (int b = WarmUpBundles; b < WarmUpBundles + MeasuredBundles; b++)
                {
                    var one = Stopwatch.StartNew();
                    await UploadAsync(http, processes[(w + b) % silos], uploads[w][b]);
                    latencies[w].Add(one.Elapsed.TotalMilliseconds);
                }
            }));
            clock.Stop();
            long observations = (long)Wearers * MeasuredBundles * ObservationsPerBundle;
            Assert.Equal((long)Wearers * (WarmUpBundles + MeasuredBundles) * ObservationsPerBundle,
                Convert.ToInt64(await database.ScalarAsync("SELECT count(*) FROM observations"), CultureInfo.InvariantCulture));
            var sorted = latencies.SelectMany(l => l).Order().ToArray();
            string line = string.Create(CultureInfo.InvariantCulture,
                $"silos {silos}: {Wearers * MeasuredBundles} uploads of {ObservationsPerBundle} observations from {Wearers} concurrent wearers in {clock.Elapsed.TotalSeconds:0.00} s: " +
                $"{observations / clock.Elapsed.TotalSeconds:0} observations/s, {Wearers * MeasuredBundles / clock.Elapsed.TotalSeconds:0.0} uploads/s, " +
                $"latency p50 {Percentile(sorted, 0.50):0} ms, p99 {Percentile(sorted, 0.99):0} ms");
            TestContext.Current.SendDiagnosticMessage(line);
            if (Environment.GetEnvironmentVariable("CARE_CLUSTER_BENCH_OUT") is { Length: > 0 } output)
            {
                await File.AppendAllTextAsync(output, line + Environment.NewLine, Cancel);
            }
        }
        finally
        {
            foreach (var process in processes)
            {
                process.Kill();
            }
            NpgsqlConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    private static double Percentile(double[] sorted, double p) => sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];

    private static async Task UploadAsync(HttpClient http, SiloProcess silo, byte[] sealedBundle)
    {
        using var content = new ByteArrayContent(sealedBundle);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/vnd.care.sealed-bundle");
        using var response = await http.PostAsync(new Uri(silo.Url, "/v1/bundles"), content, Cancel);
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"silo {silo.Index}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(Cancel)}");
    }

    /// <summary>Every wearer's bundles of steady per-minute vitals, in order, ending before now.</summary>
    private static byte[][][] Seal(HybridSigningKey key, HybridKemPublicKey recipient)
    {
        int count = WarmUpBundles + MeasuredBundles;
        var now = DateTimeOffset.UtcNow;
        var start = new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, 0, 0, TimeSpan.Zero).AddMinutes(-MinutesPerBundle * (count + 1));
        var random = new Random(12);
        var all = new byte[Wearers][][];
        for (int w = 0; w < Wearers; w++)
        {
            all[w] = new byte[count][];
            for (int b = 0; b < count; b++)
            {
                var from = start.AddMinutes(MinutesPerBundle * b);
                var observations = new List<Observation>(ObservationsPerBundle);
                for (int m = 0; m < MinutesPerBundle; m++)
                {
                    var t = from.AddMinutes(m);
                    observations.Add(new(VitalSign.HeartRate, t, 70 + random.Next(-5, 6)));
                    observations.Add(new(VitalSign.OxygenSaturation, t, 97 + random.Next(-1, 2)));
                    observations.Add(new(VitalSign.BodyTemperature, t, 36.8));
                    observations.Add(new(VitalSign.RespiratoryRate, t, 15 + random.Next(-1, 2)));
                    observations.Add(new(VitalSign.SystolicBloodPressure, t, 124 + random.Next(-6, 7)));
                }
                var bundle = new Bundle(Guid.NewGuid(), PatchId.Parse($"P-bench-{w:D2}"), WearerId.Parse($"W-bench-{w:D2}"), from.AddMinutes(MinutesPerBundle), observations);
                all[w][b] = BundleSealer.Seal(BundleWriter.Write(bundle), $"P-bench-{w:D2}", b + 1, key, recipient, now);
            }
        }
        return all;
    }
}
