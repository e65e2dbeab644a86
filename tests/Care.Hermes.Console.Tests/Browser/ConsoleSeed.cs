using Care.Core.Bundles;
using Care.Core.Doses;
using Care.Core.Events;
using Care.Core.Ids;
using Care.Core.Observations;
using Care.Hermes.Hosting;
using Care.Hermes.Storage;
using Care.Trust.Bundles;
using Care.Trust.Identity;
using Care.Trust.Ledger.Entries;

namespace Care.Hermes.Console.Tests.Browser;

/// <summary>
/// A small seeded world, uploaded through Hermes's real ingest path (sealed, signed bundles of a
/// registered patch): one diabetic wearer with 14 days of minute vitals and CGM glucose, 5-minute
/// insulin records and a deterioration over the last 3 hours (NEWS2 alerts), a dose plan and its
/// fill; one wearer with 2 days of vitals whose patch sent an event with markup in its detail.
/// </summary>
internal static class ConsoleSeed
{
    public static readonly WearerId Diabetic = WearerId.Parse("W-console-1");
    public static readonly WearerId Other = WearerId.Parse("W-console-2");

    /// <summary>Text with markup that a device sent; the console must show it as text.</summary>
    public const string HostileDetail = "<img src=x onerror=\"document.body.dataset.pwned='1'\">pause";

    public static async Task SeedAsync(HermesComposition hermes, int seed)
    {
        var rng = new Random(seed);
        var now = hermes.Time.GetUtcNow();
        var end = new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, now.Minute, 0, TimeSpan.Zero).AddMinutes(-2);
        var key = HybridSigningKey.Generate();
        await UploadAsync(hermes, key, "P-console-1", Diabetic, Minutes(end.AddDays(-14), end), rng, diabetic: true, withEvent: false);
        await UploadAsync(hermes, key, "P-console-2", Other, Minutes(end.AddDays(-2), end), rng, diabetic: false, withEvent: true);
        var plan = await hermes.DosePlans.IssueAsync(Diabetic, "insulin-aspart", 300, "U", "tok_seed", now);
        await hermes.DosePlans.RecordFillAsync(new CartridgeFilled("cart-0001", Diabetic, plan!.PlanId, "insulin-aspart", 300, 300, 296.5, "U", "assay-7") { At = now });
        await hermes.Store.PublishTreeHeadAsync();
    }

    private static IEnumerable<DateTimeOffset> Minutes(DateTimeOffset from, DateTimeOffset to)
    {
        for (var t = from; t < to; t = t.AddMinutes(1))
        {
            yield return t;
        }
    }

    private static async Task UploadAsync(HermesComposition hermes, HybridSigningKey key, string patch, WearerId wearer, IEnumerable<DateTimeOffset> minutes, Random rng, bool diabetic, bool withEvent)
    {
        await hermes.Store.RegisterDeviceAsync(new DeviceEnrolment(patch, HybridAlgorithms.Signature, key.PublicKey.Export(), wearer, "test-kiosk", "test", hermes.Time.GetUtcNow()));
        var all = minutes.ToList();
        var last = all[^1];
        long sequence = 0;
        // One bundle per simulated day, as a daily kiosk exchange would send.
        foreach (var day in all.GroupBy(t => t.Date))
        {
            var observations = new List<Observation>();
            var doses = new List<DoseDelivery>();
            foreach (var t in day)
            {
                bool ill = last - t < TimeSpan.FromHours(3);
                double minuteOfDay = t.Hour * 60 + t.Minute;
                double noise() => rng.NextDouble() - 0.5;
                observations.Add(new Observation(VitalSign.HeartRate, t, Math.Round((ill ? 128 : 72 + (8 * Math.Sin(minuteOfDay / 229.0))) + (3 * noise()))));
                observations.Add(new Observation(VitalSign.OxygenSaturation, t, Math.Round(ill ? 90 : 97 + noise())));
                observations.Add(new Observation(VitalSign.RespiratoryRate, t, Math.Round((ill ? 27 : 15) + (2 * noise()))));
                observations.Add(new Observation(VitalSign.BodyTemperature, t, Math.Round((ill ? 39.2 : 36.8) + (0.2 * noise()), 1)));
                observations.Add(new Observation(VitalSign.SystolicBloodPressure, t, Math.Round((ill ? 96 : 122) + (6 * noise()))));
                observations.Add(new Observation(VitalSign.DiastolicBloodPressure, t, Math.Round((ill ? 58 : 78) + (4 * noise()))));
                if (diabetic)
                {
                    // A meal-shaped daily curve with an occasional night-time low, so every AGP range has readings.
                    double meal = 90 * Math.Exp(-Math.Pow((minuteOfDay - 780) / 90.0, 2)) + 70 * Math.Exp(-Math.Pow((minuteOfDay - 1170) / 80.0, 2));
                    double low = t.Day % 4 == 0 && minuteOfDay is > 180 and < 240 ? -70 : 0;
                    observations.Add(new Observation(VitalSign.InterstitialGlucose, t, Math.Round(Math.Clamp(115 + meal + low + (25 * noise()), 40, 400))));
                    if (t.Minute % 5 == 0)
                    {
                        bool bolus = t.Minute == 0 && (t.Hour == 12 || t.Hour == 19);
                        var reason = low < 0 ? DoseDeliveryReason.Suspend : t.Hour == 13 && t.Minute == 5 ? DoseDeliveryReason.GovernorClamp : DoseDeliveryReason.ControllerDecision;
                        doses.Add(new DoseDelivery(t, reason == DoseDeliveryReason.Suspend ? 0 : 0.9 + (0.2 * noise()), TimeSpan.FromMinutes(5), bolus ? 4.5 : 0, reason));
                    }
                }
            }
            var events = withEvent && day.Key == last.Date
                ? new List<PatchEvent> { new(PatchEventKind.Pause, last.AddMinutes(-30), last.AddMinutes(-30).AddSeconds(3), 3.1, HostileDetail) }
                : [];
            var bundle = new Bundle(Guid.NewGuid(), PatchId.Parse(patch), wearer, hermes.Time.GetUtcNow(), observations) { Doses = doses, Events = events };
            var sealedBundle = BundleSealer.Seal(BundleWriter.Write(bundle), patch, ++sequence, key, hermes.Recipient.PublicKey, hermes.Time.GetUtcNow());
            await hermes.Ingestor.IngestAsync(sealedBundle);
        }
    }
}
