using System.Text;
using Care.Core.Ids;
using Care.Core.Observations;
using Care.Kiosk.Cartridges;
using Care.Kiosk.Exchange;
using Care.Kiosk.Exchange.Journal;
using Care.Kiosk.Models;
using Care.Metabolic.Patients;
using Care.Patch.Glucose;
using Care.Patch.Runtime;
using Care.Patch.State;
using Care.Trust.Identity;
using Care.Trust.Ledger.Entries;
using Microsoft.Extensions.Time.Testing;

namespace Care.Kiosk.Tests.Durable;

/// <summary>
/// Everything outside the kiosk process for one seeded run: a ledger with each wearer's proven plan
/// and a proven model release, Hermes, the hardware, and wearers whose old patches hold readings.
/// </summary>
internal sealed class KioskWorld
{
    public static readonly DateTimeOffset T0 = new(2026, 11, 27, 8, 0, 0, TimeSpan.Zero);

    private readonly TestLedger _ledger = new();

    public KioskWorld(int seed, int wearers, int readingsPerPatch = 40)
    {
        Random = new Random(seed);
        Clock = new FakeTimeProvider(T0);
        Hermes = new FlakyHermes(Random, Crasher, T0);
        Hardware = new SimulatedKioskHardware(Crasher, Hermes, T0);
        var model = Encoding.UTF8.GetBytes("{\"model\":\"beats\",\"version\":\"2\"}");
        var release = _ledger.Prove(new ModelReleased("beats", "2", Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(model)), "test") { At = T0 });
        for (int w = 1; w <= wearers; w++)
        {
            var wearer = WearerId.Parse($"W-{w}");
            var old = PatchId.Parse($"P-{w}-1");
            var key = HybridSigningKey.Generate();
            Hermes.RegisterPatchAsync(old, wearer, key.PublicKey).GetAwaiter().GetResult();
            var patch = new WearablePatch(old, wearer, new PatchCredentials(key, Hermes.RecipientKey));
            int readings = readingsPerPatch + Random.Next(readingsPerPatch);
            for (int i = 0; i < readings; i++)
            {
                patch.Record(VitalSign.HeartRate, T0.AddMinutes(i - readings), 60 + Random.Next(40));
            }
            Generated += readings;
            Hardware.Patches[old] = patch;
            var next = PatchId.Parse($"P-{w}-2");
            Hardware.Keepers[old] = new PatchStateKeeper(old, wearer, key, HybridKemPrivateKey.Generate());
            Hardware.Keepers[next] = new PatchStateKeeper(next, wearer, HybridSigningKey.Generate(), HybridKemPrivateKey.Generate());
            Hardware.Learned[old] = LearnedLoop(patch, seed * 31 + w);
            Hardware.OnBody.Add(old);
            var plan = _ledger.Prove(new DosePlanIssued($"plan-{w}", wearer, "insulin-aspart", 300, "U", new string('a', 64), "test") { At = T0 });
            Requests.Add(new ExchangeRequest(new Guid(w, 0, 0, new byte[8]), wearer, old, key.PublicKey, PatchId.Parse($"P-{w}-2"), $"C-{w}", plan, "beats", model, release));
        }
    }

    /// <summary>An insulin loop that ran an hour on the old patch: the state the new patch must receive.</summary>
    private LearnedState LearnedLoop(WearablePatch patch, int seed)
    {
        // Its own random source, so the world's seeded draws (crash points, outages) stay as they were.
        var random = new Random(seed);
        var clock = new FakeTimeProvider(T0.AddHours(-1));
        var loop = new PatchGlucoseLoop(new QuestParameters(10, 40, 35, 40), clock);
        var scratch = new WearablePatch(patch.Id, patch.Wearer, new PatchCredentials(HybridSigningKey.Generate(), Hermes.RecipientKey));
        for (int i = 0; i < 12; i++)
        {
            loop.Step(scratch, 120 + random.Next(60), i == 2 ? 40 : 0);
            clock.Advance(PatchGlucoseLoop.Period);
        }
        return new LearnedState(loop.Snapshot());
    }

    public Random Random { get; }

    public FakeTimeProvider Clock { get; }

    public Crasher Crasher { get; } = new();

    public FlakyHermes Hermes { get; }

    public SimulatedKioskHardware Hardware { get; }

    public List<ExchangeRequest> Requests { get; } = [];

    public long Generated { get; }

    /// <summary>A kiosk process over the journal at <paramref name="path"/>, dying where the crasher says.</summary>
    public (DurableExchange Kiosk, SqliteExchangeJournal Store) Start(string path, int queueCapacity = 32)
    {
        var store = new SqliteExchangeJournal(path, Clock);
        var station = new CartridgeStation(_ledger.PublicKey, Hardware, Hardware, Clock);
        var kiosk = new DurableExchange(new CrashingJournal(store, Crasher), Hermes, Hardware, Hardware, station, new ModelGate(_ledger.PublicKey))
        {
            QueueCapacity = queueCapacity,
        };
        return (kiosk, store);
    }
}
