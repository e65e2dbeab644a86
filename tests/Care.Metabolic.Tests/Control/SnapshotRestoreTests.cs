using Care.Metabolic.Control;
using Care.Metabolic.Patients;
using Care.Metabolic.Safety;

namespace Care.Metabolic.Tests.Control;

public sealed class SnapshotRestoreTests
{
    private static readonly DateTimeOffset Start = new(2026, 3, 2, 0, 0, 0, TimeSpan.Zero);
    private static readonly QuestParameters Quest = new(12, 45, 40, 45);
    private static readonly TimeSpan Period = TimeSpan.FromMinutes(5);

    // A seeded two-day course: glucose that drifts, rises after meals and falls, with dropouts,
    // jumps and a fast fall into the low range, so meal reviews, suspensions and sensor faults all occur.
    private static List<ControllerInput> Course(int seed)
    {
        var random = new Random(seed);
        var inputs = new List<ControllerInput>();
        var g = 140.0;
        var steps = 2 * 288;
        for (var i = 0; i < steps; i++)
        {
            var t = Start + i * Period;
            var minuteOfDay = i * 5 % 1440;
            var carbs = minuteOfDay is 420 or 720 or 1140 ? 30 + random.Next(60) : 0;
            g += (carbs > 0 ? 25 : 0) + (random.NextDouble() - 0.5) * 12 - (g - 120) * 0.03;
            g = Math.Clamp(g, 45, 380);
            var reading = random.NextDouble() < 0.03 ? double.NaN : random.NextDouble() < 0.01 ? g + 90 : g;
            inputs.Add(new ControllerInput(t, reading, t, carbs, Period));
        }
        return inputs;
    }

    private static (CareController Controller, SafetyGovernor Governor) NewLoop() =>
        (new CareController(CareControllerSettings.FromQuest(Quest)), new SafetyGovernor(SafetyLimits.FromQuest(Quest)));

    private static DoseRecord Step((CareController Controller, SafetyGovernor Governor) loop, in ControllerInput input)
    {
        var request = loop.Controller.Decide(input);
        var dose = loop.Governor.Govern(input, request);
        loop.Controller.Delivered(dose);
        return dose;
    }

    [Theory]
    [InlineData(1, 100)]
    [InlineData(2, 288)]
    [InlineData(3, 431)]
    public void Given_a_loop_mid_run_When_its_state_is_restored_into_new_objects_Then_every_later_decision_is_identical(int seed, int swapAt)
    {
        var course = Course(seed);
        var original = NewLoop();
        for (var i = 0; i < swapAt; i++)
        {
            Step(original, course[i]);
        }
        var restored = NewLoop();
        restored.Controller.Restore(original.Controller.Snapshot());
        restored.Governor.Restore(original.Governor.Snapshot());
        var stranger = NewLoop();
        var differs = 0;
        for (var i = swapAt; i < course.Count; i++)
        {
            var a = Step(original, course[i]);
            var b = Step(restored, course[i]);
            var c = Step(stranger, course[i]);
            Assert.Equal(a.BasalUnitsPerHour, b.BasalUnitsPerHour);
            Assert.Equal(a.BolusUnits, b.BolusUnits);
            Assert.Equal(a.Reason, b.Reason);
            Assert.Equal(a.Detail, b.Detail);
            differs += a.BasalUnitsPerHour != c.BasalUnitsPerHour || a.BolusUnits != c.BolusUnits ? 1 : 0;
        }
        Assert.Equal(original.Controller.MealDoseScale, restored.Controller.MealDoseScale);
        Assert.Equal(original.Governor.InsulinOnBoardUnits, restored.Governor.InsulinOnBoardUnits);
        // The test can fail: a loop that forgot (a stranger) decides differently on the same course.
        Assert.True(differs > 0, "a fresh loop made the same decisions, so the course does not exercise the learned state");
    }

    [Fact]
    public void Given_a_restored_loop_When_snapshotted_again_Then_the_snapshot_equals_the_original_value_by_value()
    {
        var course = Course(7);
        var original = NewLoop();
        foreach (var input in course.Take(500))
        {
            Step(original, input);
        }
        var snapshot = original.Controller.Snapshot();
        var restored = NewLoop();
        restored.Controller.Restore(snapshot);
        var again = restored.Controller.Snapshot();
        Assert.Equal(snapshot with { MealMinutes = [], MealGrams = [], CgmMinutes = [], CgmValues = [] },
            again with { MealMinutes = [], MealGrams = [], CgmMinutes = [], CgmValues = [] });
        Assert.Equal(snapshot.MealGrams, again.MealGrams);
        Assert.Equal(snapshot.CgmValues, again.CgmValues);
        Assert.True(snapshot.MealReviews >= 3, $"only {snapshot.MealReviews} meal reviews in the course");
    }

    [Fact]
    public void Given_an_inconsistent_snapshot_When_restored_Then_it_is_refused_naming_the_field()
    {
        var loop = NewLoop();
        Step(loop, Course(1)[0]);
        var good = loop.Controller.Snapshot();
        var controller = NewLoop().Controller;
        Assert.Contains("MealGrams", Assert.Throws<ArgumentException>(() => controller.Restore(good with { MealGrams = [1, 2] })).Message);
        Assert.Contains("meal-dose scale", Assert.Throws<ArgumentException>(() => controller.Restore(good with { MealDoseScale = 9 })).Message);
        Assert.Contains("basal", Assert.Throws<ArgumentException>(() => controller.Restore(good with { BasalUnitsPerMinute = double.NaN })).Message);
        var governor = loop.Governor.Snapshot();
        Assert.Contains("verdict", Assert.Throws<ArgumentException>(() => NewLoop().Governor.Restore(governor with { LastVerdict = "fine" })).Message);
        Assert.Contains("dose", Assert.Throws<ArgumentException>(() => NewLoop().Governor.Restore(governor with { DoseUnits = [.. governor.DoseUnits.Select(_ => -1.0)] })).Message);
    }
}
