using Care.Core.Bundles;
using Care.Core.Doses;
using Care.Core.Ids;
using Care.Core.Observations;
using Care.Metabolic.Cartridge;
using Care.Metabolic.Patients;
using Care.Metabolic.Simulation;
using Care.Patch.Glucose;
using Care.Patch.Runtime;
using Care.Trust.Identity;

namespace Care.Patch.Tests.Glucose;

public sealed class PatchGlucoseLoopTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 27, 8, 0, 0, TimeSpan.Zero);

    private static readonly PatchCredentials Credentials = new(HybridSigningKey.Generate(), HybridKemPrivateKey.Generate().PublicKey);

    // An adult: 10 g/U, 40 mg/dL per U, 40 U/day.
    private static readonly QuestParameters Quest = new(10, 40, 35, 40);

    private static WearablePatch NewPatch(int number = 1) => new(PatchId.Parse($"P-1-{number}"), WearerId.Parse("W-1"), Credentials);

    private static void Run(PatchGlucoseLoop loop, SimulationClock clock, WearablePatch patch, int steps, Func<int, double> cgm, Func<int, double>? carbs = null)
    {
        for (int i = 0; i < steps; i++)
        {
            loop.Step(patch, cgm(i), carbs?.Invoke(i) ?? 0);
            clock.Advance(PatchGlucoseLoop.Period);
        }
    }

    [Fact]
    public void Each_step_puts_one_glucose_reading_and_one_dose_in_the_outbox()
    {
        var clock = new SimulationClock(T0);
        var loop = new PatchGlucoseLoop(Quest, clock);
        var patch = NewPatch();
        Run(loop, clock, patch, 12, i => 150 + i);

        Assert.Equal(12, patch.Outbox.Count);
        Assert.All(patch.Outbox.Pending, o => Assert.Equal(VitalSign.InterstitialGlucose, o.Sign));
        Assert.Equal(T0.AddMinutes(55), patch.Outbox.Pending[^1].Time);
        Assert.Equal(12, patch.Outbox.PendingDoses.Count);
        Assert.Equal(patch.Outbox.Pending.Select(o => o.Time), patch.Outbox.PendingDoses.Select(d => d.Time));
        Assert.All(patch.Outbox.PendingDoses, d => Assert.Equal(PatchGlucoseLoop.Period, d.Duration));
        Assert.Equal(12, loop.Readings);
        Assert.Equal(12, loop.Doses);
        Assert.Equal(12, patch.DosesRecorded);
    }

    [Fact]
    public void Delivered_insulin_leaves_the_cartridge()
    {
        var clock = new SimulationClock(T0);
        var loop = new PatchGlucoseLoop(Quest, clock);
        var patch = NewPatch();
        // A 60 g announced meal at the start: the loop must give a bolus.
        Run(loop, clock, patch, 24, i => 140, i => i == 0 ? 60 : 0);

        double recorded = patch.Outbox.PendingDoses.Sum(d => d.TotalUnits);
        Assert.True(patch.Outbox.PendingDoses[0].BolusUnits > 0);
        Assert.Equal(recorded, loop.DeliveredUnits, 9);
        Assert.Equal(PatchGlucoseLoop.CartridgeFillUnits - recorded, loop.Cartridge.ReservoirUnits, 9);
        Assert.Equal(24, loop.Cartridge.DeliveryLog.Count);
    }

    [Fact]
    public void Low_glucose_suspends_insulin()
    {
        var clock = new SimulationClock(T0);
        var loop = new PatchGlucoseLoop(Quest, clock);
        var patch = NewPatch();
        Run(loop, clock, patch, 6, i => 60);

        Assert.All(patch.Outbox.PendingDoses, d =>
        {
            Assert.Equal(0, d.TotalUnits);
            Assert.Equal(DoseDeliveryReason.Suspend, d.Reason);
        });
    }

    [Fact]
    public void Missing_reading_records_no_glucose_but_still_a_dose_that_is_never_a_bolus()
    {
        var clock = new SimulationClock(T0);
        var loop = new PatchGlucoseLoop(Quest, clock);
        var patch = NewPatch();
        Run(loop, clock, patch, 6, i => i < 3 ? 200 : double.NaN, i => i == 4 ? 50 : 0);

        Assert.Equal(3, patch.Outbox.Count);
        Assert.Equal(6, patch.Outbox.PendingDoses.Count);
        Assert.All(patch.Outbox.PendingDoses.Skip(3), d => Assert.Equal(0, d.BolusUnits));
        Assert.Equal(DoseDeliveryReason.SensorFallback, patch.Outbox.PendingDoses[^1].Reason);
    }

    [Fact]
    public void Doses_ride_in_the_sealed_bundle_and_are_released_on_acknowledgement()
    {
        var clock = new SimulationClock(T0);
        var loop = new PatchGlucoseLoop(Quest, clock);
        var patch = NewPatch();
        Run(loop, clock, patch, 6, i => 130);
        var upload = patch.Seal(clock.GetUtcNow());
        Run(loop, clock, patch, 2, i => 130);

        Assert.Equal(6, upload.Bundle.Doses.Count);
        var read = BundleReader.Read(BundleWriter.Write(upload.Bundle), clock.GetUtcNow());
        Assert.Equal(upload.Bundle.Doses, read.Doses);
        patch.Acknowledge(upload.Bundle.BundleId);
        Assert.Equal(2, patch.Outbox.PendingDoses.Count);
        Assert.Equal(2, patch.Outbox.Count);
    }

    [Fact]
    public void A_new_patch_gets_a_full_cartridge_and_the_loop_carries_on()
    {
        var clock = new SimulationClock(T0);
        var loop = new PatchGlucoseLoop(Quest, clock);
        Run(loop, clock, NewPatch(1), 12, i => 220);
        Assert.True(loop.Cartridge.ReservoirUnits < PatchGlucoseLoop.CartridgeFillUnits);
        loop.ReplaceCartridge();
        var second = NewPatch(2);
        Run(loop, clock, second, 1, i => 220);
        Assert.Equal(PatchGlucoseLoop.CartridgeFillUnits - second.Outbox.PendingDoses[0].TotalUnits, loop.Cartridge.ReservoirUnits, 9);
        Assert.Equal(13, loop.Doses);
        Assert.Equal(0, loop.AlertCount(CartridgeAlertKind.Empty));
    }

    [Fact]
    public void Governor_limits_never_exceed_what_a_bundle_may_carry()
    {
        // 240 U/day: the questionnaire rule would allow a 60 U bolus.
        var huge = new QuestParameters(3, 8, 40, 240);
        var limits = PatchGlucoseLoop.Limits(huge);
        Assert.Equal(DoseDelivery.MaxBolusUnits, limits.MaxBolusUnits);
        Assert.Equal(240 * 0.5 / 24 * 4, limits.MaxBasalUnitsPerHour, 9);
        Assert.Equal(Metabolic.Safety.SafetyLimits.FromQuest(Quest), PatchGlucoseLoop.Limits(Quest));

        var clock = new SimulationClock(T0);
        var loop = new PatchGlucoseLoop(huge, clock);
        var patch = NewPatch();
        Run(loop, clock, patch, 3, i => 300, i => i == 0 ? 400 : 0);
        Assert.All(patch.Outbox.PendingDoses, d => Assert.True(d.IsPlausible));
    }

    [Fact]
    public void Negative_announced_carbs_are_refused()
    {
        var loop = new PatchGlucoseLoop(Quest, new SimulationClock(T0));
        Assert.Throws<ArgumentOutOfRangeException>(() => loop.Step(NewPatch(), 120, -1));
    }
}
