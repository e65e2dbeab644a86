using Care.Core.Ids;
using Care.Metabolic.Patients;
using Care.Metabolic.Sensing;
using Care.Patch.Runtime;
using Care.Simulation.Glucose;
using Care.Trust.Identity;

namespace Care.Simulation.Demo;

/// <summary>
/// <c>care eval swap</c>: every selected cohort patient lives <c>days</c> days (standard meals, the
/// GuardianRT CGM, Care's loop on the patch; the demo's <see cref="DiabeticBody"/>) three times with
/// the same seed: on one patch; with a new patch every day at <see cref="SwapHourUtc"/> whose loop
/// starts from the state the old patch sealed for it (<see cref="PatchHandover"/>, the demo's swap
/// path); and with a new patch every day that starts as a stranger. The first two must agree exactly;
/// the third shows what the transfer is worth.
/// </summary>
public static class SwapEvaluation
{
    /// <summary>The hour of day (UTC) of the daily swap: mid-morning, after breakfast's bolus.</summary>
    public const int SwapHourUtc = 10;

    /// <summary>The first simulated minute.</summary>
    public static readonly DateTimeOffset Start = new(2026, 1, 5, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Runs the patients of <paramref name="cohort"/> selected by <paramref name="selection"/> (as <c>care eval t1d --cohort</c>).</summary>
    public static IReadOnlyList<SwapPatientResult> Run(
        VirtualCohort cohort, string selection, int days, int seed, IProgress<int>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(cohort);
        ArgumentOutOfRangeException.ThrowIfLessThan(days, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(days, 365);
        var sensor = CgmSensorParameters.Load(cohort.Folder, "GuardianRT");
        var patients = cohort.Select(selection);
        var hermes = HybridKemPrivateKey.Generate().PublicKey;
        var results = new SwapPatientResult[patients.Count];
        Parallel.For(0, patients.Count, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount, CancellationToken = cancellationToken }, i =>
        {
            int patientSeed = DemoSimulation.WearerSeed(seed, i);
            var one = Live(patients[i], sensor, days, patientSeed, i, LearnedStateMode.OnePatch, hermes);
            var moved = Live(patients[i], sensor, days, patientSeed, i, LearnedStateMode.Transfer, hermes);
            var stranger = Live(patients[i], sensor, days, patientSeed, i, LearnedStateMode.Stranger, hermes);
            results[i] = new SwapPatientResult(patients[i].Name, one.Outcome, moved.Outcome, stranger.Outcome, moved.Transfers, moved.Bytes);
            progress?.Report(1);
        });
        return results;
    }

    private static (SwapModeOutcome Outcome, int Transfers, long Bytes) Live(
        VirtualPatient patient, CgmSensorParameters sensor, int days, int seed, int index, LearnedStateMode mode, HybridKemPublicKey hermes)
    {
        var clock = new SimulatedClock(Start);
        var body = new DiabeticBody(patient, sensor, Start, days, seed, clock);
        var wearer = WearerId.Parse($"W-swap-{index:D3}");
        int number = 1;
        (WearablePatch Patch, PatchHandover.Side Side) NewPatch()
        {
            var id = PatchId.Parse($"P-swap-{index:D3}-{number++}");
            var identity = HybridSigningKey.Generate();
            return (new WearablePatch(id, wearer, new PatchCredentials(identity, hermes)), PatchHandover.Side.Create(id, wearer, identity));
        }
        var (patch, side) = NewPatch();
        var end = Start.AddDays(days);
        var visit = Start.AddHours(SwapHourUtc);
        int transfers = 0;
        long bytes = 0;
        for (var t = Start; t < end; t = t.AddMinutes(1))
        {
            clock.Set(t);
            if (t == visit)
            {
                var (next, nextSide) = NewPatch();
                int size = PatchHandover.Swap(body, mode, side, nextSide, t);
                transfers += size > 0 ? 1 : 0;
                bytes += size;
                (patch, side) = (next, nextSide);
                visit = visit.AddDays(1);
            }
            body.Minute(t, patch);
        }
        return (new SwapModeOutcome(body.Minutes, body.MinutesInRange, body.MinutesBelowRange, body.LowestMgPerDl, body.InsulinToBodyUnits, body.GlucoseSumMgPerDl), transfers, bytes);
    }
}
