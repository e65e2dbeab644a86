using Care.Core.Ids;
using Care.Kiosk.Exchange;
using Care.Metabolic.Sensing;
using Care.Patch.Runtime;
using Care.Simulation.Ecg;
using Care.Simulation.Glucose;
using Care.Simulation.Vitals;
using Care.Trust.Identity;

namespace Care.Simulation.Demo;

/// <summary>
/// Runs the demo world: each wearer lives <see cref="DemoSettings.Days"/> days minute by minute
/// with a patch on, visits a kiosk once a day (and once more at the end), where the exchange
/// uploads the outbox to Hermes and a fresh patch goes on. Wearers run in parallel; Hermes
/// serialises its writes. About one wearer in seven per week falls acutely ill. With a T1D cohort,
/// a share of the wearers are diabetic: a UVA/Padova body whose patch runs Care's insulin loop; every
/// day's patch is a new device whose loop starts from the state the old patch sealed for it
/// (<see cref="DemoSettings.LearnedState"/>, ADR 0018).
/// A share of the wearers (<see cref="DemoSettings.EcgShare"/>) wear an ECG patch for a daily window
/// (<see cref="EcgWearer"/>): synthetic ECG, Care.Cardio's pipeline on the patch, rhythm events to Hermes.
/// </summary>
public static class DemoSimulation
{
    /// <summary>Chance per wearer per simulated day of an acute deterioration.</summary>
    public const double IllnessPerDay = 0.02;

    /// <summary>Runs the world; reports each completed exchange to <paramref name="progress"/>.</summary>
    public static async Task<DemoOutcome> RunAsync(
        DemoSettings settings, IHermesUplink uplink, IProgress<int>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(settings);
        settings.Validate();
        var wearers = Enumerable.Range(1, settings.Wearers)
            .Select(i => WearerId.Parse($"W-{settings.RunId}-{i:D4}"))
            .ToArray();
        // GuardianRT samples every 5 minutes, the patch loop's period.
        var sensor = settings.Cohort is null ? null : CgmSensorParameters.Load(settings.Cohort.Folder, "GuardianRT");
        var lives = new WearerLife[wearers.Length];
        await Parallel.ForAsync(0, wearers.Length, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount, CancellationToken = cancellationToken }, async (i, ct) =>
        {
            lives[i] = await LiveAsync(settings, sensor, wearers[i], i, uplink, progress, ct);
        });
        var diabetic = lives.Where(l => l.Glucose is not null).Select(l => l.Glucose!).ToList();
        var ecg = lives.Where(l => l.Ecg is not null).Select(l => l.Ecg!).ToList();
        var kinds = Enum.GetValues<Core.Events.PatchEventKind>();
        return new DemoOutcome(
            wearers,
            lives.Sum(l => l.Recorded),
            lives.Sum(l => l.Faults),
            lives.Sum(l => l.Visits),
            [.. lives.Where(l => l.Illness is not null).Select(l => (l.Wearer, l.Illness!.Value))])
        {
            DiabeticWearers = diabetic.Count,
            GlucoseReadings = diabetic.Sum(d => d.Readings),
            DosesGenerated = lives.Sum(l => l.Doses),
            InsulinDeliveredUnits = diabetic.Sum(d => d.DeliveredUnits),
            CartridgeAlerts = diabetic.Sum(d => d.CartridgeAlerts),
            LearnedStateTransfers = lives.Sum(l => l.Transfers),
            LearnedStateBytes = lives.Sum(l => l.TransferBytes),
            DiabeticMinutes = diabetic.Sum(d => d.Minutes),
            DiabeticMinutesInRange = diabetic.Sum(d => d.MinutesInRange),
            EcgWearers = ecg.Count,
            EcgSamples = ecg.Sum(e => e.Samples),
            ArrhythmiasDrawn = kinds.ToDictionary(k => k, k => ecg.Sum(e => (long)e.Drawn.Count(d => d.Kind == k))),
            RhythmEventsByKind = kinds.ToDictionary(k => k, k => ecg.Sum(e => e.EventsOf(k))),
        };
    }

    private static async Task<WearerLife> LiveAsync(
        DemoSettings settings, CgmSensorParameters? sensor, WearerId wearer, int index, IHermesUplink uplink, IProgress<int>? progress, CancellationToken cancellationToken)
    {
        // One seed per wearer, derived from the run seed, so wearers do not depend on scheduling.
        int seed = WearerSeed(settings.Seed, index);
        var draw = new Gaussian(new Random(seed));
        var profile = WearerProfile.Draw(draw);
        var end = settings.Start.AddDays(settings.Days);
        DateTimeOffset? onset = null;
        if (draw.Random.NextDouble() < 1 - Math.Pow(1 - IllnessPerDay, settings.Days))
        {
            // Onset leaves time for the illness to show before the last visit.
            onset = WholeMinute(settings.Start.AddDays(draw.Uniform(0.25, Math.Max(0.5, settings.Days - 0.75))));
        }
        var body = new VitalsSimulator(profile, onset is DateTimeOffset o ? new Deterioration(o) : null, seed ^ 0x5EED);
        var clock = new SimulatedClock(settings.Start);
        var exchange = new KioskExchange(uplink, clock);
        // Diabetic wearers take the cohort's patients in turn: the n-th diabetic wearer is patient n mod 30.
        var glucose = sensor is not null && settings.IsDiabetic(index)
            ? new DiabeticBody(
                settings.Cohort!.Patients[Enumerable.Range(0, index).Count(settings.IsDiabetic) % settings.Cohort.Patients.Count],
                sensor, settings.Start, settings.Days, seed, clock)
            : null;
        var ecg = settings.HasEcg(index) ? new EcgWearer(profile, seed ^ 0xEC6, settings.EcgHoursPerDay) : null;
        var life = new WearerLife(wearer, onset, glucose) { Ecg = ecg };
        // Only a diabetic wearer's patch has learned anything worth moving (ECG keeps no state across recordings).
        bool transfer = glucose is not null && settings.LearnedState == LearnedStateMode.Transfer;
        var (patch, side) = await NewPatchAsync(exchange, wearer, life.Visits + 1, transfer, cancellationToken);
        var visit = WholeMinute(new DateTimeOffset(settings.Start.UtcDateTime.Date, TimeSpan.Zero).AddHours(profile.KioskHour));
        if (visit <= settings.Start)
        {
            visit = visit.AddDays(1);
        }
        for (var t = settings.Start; t < end; t = t.AddMinutes(1))
        {
            if (t >= visit)
            {
                ecg?.Stop();
                clock.Set(t);
                await VisitAsync(exchange, patch, life, progress, cancellationToken, swap: true);
                var (next, nextSide) = await NewPatchAsync(exchange, wearer, life.Visits + 1, transfer, cancellationToken);
                if (glucose is not null)
                {
                    // Every day's patch is a new device: its loop starts from the transferred state (or as the mode says).
                    int bytes = PatchHandover.Swap(glucose, settings.LearnedState, side, nextSide, t);
                    life.Transfers += bytes > 0 ? 1 : 0;
                    life.TransferBytes += bytes;
                }
                (patch, side) = (next, nextSide);
                visit = visit.AddDays(1);
            }
            // While the ECG runs, its heart rate replaces the optical one (one heart rate per minute).
            bool ecgHeartRate = ecg?.Minute(t, patch) ?? false;
            body.Minute(t, patch, opticalHeartRate: !ecgHeartRate);
            if (glucose is not null)
            {
                clock.Set(t);
                glucose.Minute(t, patch);
            }
        }
        clock.Set(end);
        ecg?.Stop();
        await VisitAsync(exchange, patch, life, progress, cancellationToken, swap: false);
        return life;
    }

    /// <summary>A kiosk visit: upload the outbox and (except at the end) retire the patch, which leaves the body.</summary>
    private static async Task VisitAsync(
        KioskExchange exchange, WearablePatch patch, WearerLife life, IProgress<int>? progress, CancellationToken cancellationToken, bool swap)
    {
        await exchange.RunAsync(patch, cancellationToken);
        if (swap)
        {
            // Its data is acknowledged and it leaves the body: Hermes refuses it from now on.
            await exchange.RetirePatchAsync(patch, cancellationToken);
        }
        life.Recorded += patch.Recorded;
        life.Faults += patch.Faults;
        life.Doses += patch.DosesRecorded;
        life.Visits++;
        progress?.Report(1);
    }

    /// <summary>
    /// A fresh patch with its own identity, registered with Hermes by the kiosk; with
    /// <paramref name="keeper"/>, also its side of the learned-state handover (a KEM key of its own).
    /// </summary>
    private static async Task<(WearablePatch Patch, PatchHandover.Side? Side)> NewPatchAsync(
        KioskExchange exchange, WearerId wearer, int number, bool keeper, CancellationToken cancellationToken)
    {
        var id = PatchId.Parse($"P{wearer.Value[1..]}-{number}");
        var identity = HybridSigningKey.Generate();
        var patch = await exchange.IssuePatchAsync(id, wearer, identity, cancellationToken);
        return (patch, keeper ? PatchHandover.Side.Create(id, wearer, identity) : null);
    }

    /// <summary>SplitMix64 of (run seed, wearer index): stable across processes, unlike <see cref="HashCode"/>.</summary>
    internal static int WearerSeed(int runSeed, int index)
    {
        ulong z = unchecked(((ulong)(uint)runSeed << 32) + (ulong)index + 0x9E3779B97F4A7C15UL);
        z = unchecked((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL);
        z = unchecked((z ^ (z >> 27)) * 0x94D049BB133111EBUL);
        return (int)(z ^ (z >> 31));
    }

    private static DateTimeOffset WholeMinute(DateTimeOffset time) =>
        new(time.UtcTicks - (time.UtcTicks % TimeSpan.TicksPerMinute), TimeSpan.Zero);

    private sealed class WearerLife(WearerId wearer, DateTimeOffset? illness, DiabeticBody? glucose)
    {
        public DiabeticBody? Glucose { get; } = glucose;

        public EcgWearer? Ecg { get; init; }

        public long Doses { get; set; }

        public int Transfers { get; set; }

        public long TransferBytes { get; set; }

        public WearerId Wearer { get; } = wearer;

        public DateTimeOffset? Illness { get; } = illness;

        public long Recorded { get; set; }

        public long Faults { get; set; }

        public int Visits { get; set; }
    }
}
