using Care.Kiosk.Tests;
using Care.Metabolic.Patients;
using Care.Simulation.Demo;
using Care.Testing;

namespace Care.Simulation.Tests;

public sealed class DiabeticWearerTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Every_fifth_wearer_is_diabetic_by_default_and_none_without_a_cohort()
    {
        var folder = SharedData.RequireFolder("t1d");
        var with = new DemoSettings(20, 1, 1, Start, "t") { Cohort = VirtualCohort.Load(folder) };
        Assert.Equal([4, 9, 14, 19], Enumerable.Range(0, 20).Where(with.IsDiabetic));
        Assert.Equal(10, Enumerable.Range(0, 20).Count((with with { DiabeticShare = 0.5 }).IsDiabetic));
        Assert.Equal(0, Enumerable.Range(0, 20).Count((with with { DiabeticShare = 0 }).IsDiabetic));
        Assert.Equal(0, Enumerable.Range(0, 20).Count(new DemoSettings(20, 1, 1, Start, "t").IsDiabetic));
    }

    [Fact]
    public async Task Diabetic_wearers_send_a_reading_and_a_dose_every_five_minutes_and_stay_mostly_in_range()
    {
        var cohort = VirtualCohort.Load(SharedData.RequireFolder("t1d"));
        var settings = new DemoSettings(4, 2, 5, Start, "d") { Cohort = cohort, DiabeticShare = 0.5 };
        var hermes = new InMemoryHermes();
        var outcome = await DemoSimulation.RunAsync(settings, hermes, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(2, outcome.DiabeticWearers);
        Assert.Equal(2 * 2 * 288, outcome.GlucoseReadings);
        Assert.Equal(2 * 2 * 288, outcome.DosesGenerated);
        Assert.Equal(outcome.ObservationsGenerated, hermes.Observations);
        Assert.Equal(2 * 2 * 1440, outcome.DiabeticMinutes);
        // Care's controller on standard days (docs/validation.md): well above the 70 % consensus target.
        Assert.InRange(outcome.TimeInRangePercent!.Value, 70, 100);
        Assert.True(outcome.InsulinDeliveredUnits > 0);

        var again = await DemoSimulation.RunAsync(settings, new InMemoryHermes(), cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(outcome.DiabeticMinutesInRange, again.DiabeticMinutesInRange);
        Assert.Equal(outcome.InsulinDeliveredUnits, again.InsulinDeliveredUnits);
    }

    [Fact]
    public async Task Given_a_new_patch_every_day_When_each_starts_from_the_transferred_state_Then_the_glucose_outcome_equals_one_patch_and_a_stranger_differs()
    {
        var cohort = VirtualCohort.Load(SharedData.RequireFolder("t1d"));
        var settings = new DemoSettings(2, 3, 9, Start, "s") { Cohort = cohort, DiabeticShare = 0.5, EcgShare = 0 };
        async Task<DemoOutcome> Run(LearnedStateMode mode) =>
            await DemoSimulation.RunAsync(settings with { LearnedState = mode }, new InMemoryHermes(), cancellationToken: TestContext.Current.CancellationToken);
        var moved = await Run(LearnedStateMode.Transfer);
        var one = await Run(LearnedStateMode.OnePatch);
        var stranger = await Run(LearnedStateMode.Stranger);

        // Three daily visits swap the patch three times; each new patch got the old one's state.
        Assert.Equal(3, moved.LearnedStateTransfers);
        Assert.InRange(moved.LearnedStateBytes / 3, 5_000, 12_000);
        Assert.Equal(0, one.LearnedStateTransfers);
        Assert.Equal(one.DiabeticMinutesInRange, moved.DiabeticMinutesInRange);
        Assert.Equal(one.DosesGenerated, moved.DosesGenerated);
        Assert.Equal(one.InsulinDeliveredUnits, moved.InsulinDeliveredUnits, 9);
        Assert.NotEqual(one.InsulinDeliveredUnits, stranger.InsulinDeliveredUnits, 3);
    }
}
