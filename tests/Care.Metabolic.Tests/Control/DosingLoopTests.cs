using Care.Metabolic.Cartridge;
using Care.Metabolic.Control;
using Care.Metabolic.Patients;
using Care.Metabolic.Safety;
using Care.Metabolic.Simulation;

namespace Care.Metabolic.Tests.Control;

public sealed class DosingLoopTests
{
    private static readonly DateTimeOffset Start = new(2026, 2, 2, 7, 0, 0, TimeSpan.Zero);
    private static readonly QuestParameters Quest = new(10, 40, 35, 40);

    /// <summary>One 5-minute controller step at a steady glucose, delivered as decided.</summary>
    private static InsulinRequest FeedAt(CareController controller, DateTimeOffset at, double carbs, double glucose)
    {
        var request = controller.Decide(new ControllerInput(at, glucose, at, carbs, TimeSpan.FromMinutes(5)));
        controller.Delivered(new DoseRecord(at, request.BasalUnitsPerHour, TimeSpan.FromMinutes(5), request.BolusUnits, DoseReason.ControllerDecision, request.Rationale));
        return request;
    }

    [Fact]
    public void A_patch_runtime_drives_the_loop_reading_by_reading_and_feeds_the_cartridge()
    {
        var clock = new SimulationClock(Start);
        var loop = new DosingLoop(new CareController(CareControllerSettings.FromQuest(Quest)),
            new SafetyGovernor(SafetyLimits.FromQuest(Quest)), clock, TimeSpan.FromMinutes(5));
        var cartridge = new InsulinCartridge(200, 20, clock);
        var records = new List<DoseRecord>();
        double[] readings = [150, 152, 155, double.NaN, 160, 158, 150, 135, 115, 95, 80, 72];
        for (var i = 0; i < readings.Length; i++)
        {
            var carbs = i == 1 ? 40 : 0;
            var dose = loop.Step(readings[i], clock.GetUtcNow(), carbs);
            records.Add(dose);
            cartridge.Deliver(dose.TotalUnits, dose.TotalUnits);
            clock.Advance(loop.Period);
        }
        Assert.Equal(Start + TimeSpan.FromMinutes(5), records[1].Time);
        Assert.True(records[1].BolusUnits > 2, $"meal bolus {records[1].BolusUnits:F2} U for 40 g at CR 10");
        Assert.Equal(DoseReason.SensorFallback, records[3].Reason);
        Assert.Equal(0, records[3].BolusUnits);
        // The fall to 72 mg/dL is suspended either as a low or, being > 40 mg/dL in 15 min, as a suspected compression low.
        Assert.Equal(0, records[^1].BasalUnitsPerHour);
        Assert.Contains(records[^1].Reason, new[] { DoseReason.Suspend, DoseReason.SensorFallback });
        Assert.Equal(DoseReason.Suspend, records[^2].Reason);
        Assert.Equal(200 - records.Sum(r => r.TotalUnits), cartridge.ReservoirUnits, 9);
        Assert.Equal(readings.Length, cartridge.DeliveryLog.Count);
    }

    [Fact]
    public void Care_controller_suspends_on_a_predicted_low_before_the_governor_has_to()
    {
        var controller = new CareController(CareControllerSettings.FromQuest(Quest));
        var time = Start;
        InsulinRequest request = default;
        foreach (var g in new double[] { 130, 122, 114, 106, 98 })
        {
            request = controller.Decide(new ControllerInput(time, g, time, 0, TimeSpan.FromMinutes(5)));
            controller.Delivered(new DoseRecord(time, request.BasalUnitsPerHour, TimeSpan.FromMinutes(5), request.BolusUnits, DoseReason.ControllerDecision, request.Rationale));
            time += TimeSpan.FromMinutes(5);
        }
        Assert.Equal(0, request.BasalUnitsPerHour);
        Assert.Equal(0, request.BolusUnits);
        Assert.Contains("suspend", request.Rationale, StringComparison.Ordinal);
    }

    [Fact]
    public void Care_controller_corrects_nothing_in_a_meal_bolus_within_four_hours_of_the_previous_meal()
    {
        // Two 40 g meals two hours apart at a steady 200 mg/dL: the first bolus carries a correction
        // (and the super bolus), the second at most the learned share of grams/CR.
        var stacked = new CareController(CareControllerSettings.FromQuest(Quest));
        var first = Feed(stacked, Start, 40);
        var time = Start + TimeSpan.FromMinutes(5);
        for (var i = 0; i < 23; i++, time += TimeSpan.FromMinutes(5))
        {
            Feed(stacked, time, 0);
        }
        var second = Feed(stacked, time, 40);
        var fresh = Feed(new CareController(CareControllerSettings.FromQuest(Quest)), time, 40);

        var carbDose = 40 / Quest.CarbRatioGramsPerUnit;
        Assert.True(first.BolusUnits > stacked.MealDoseScale * carbDose + 0.5, $"first bolus {first.BolusUnits:F2} U");
        Assert.True(second.BolusUnits <= stacked.MealDoseScale * carbDose + 1e-9, $"second bolus {second.BolusUnits:F2} U");
        Assert.True(fresh.BolusUnits > second.BolusUnits + 0.5, $"fresh {fresh.BolusUnits:F2} U vs stacked {second.BolusUnits:F2} U");
        Assert.InRange(stacked.MealDoseScale, 0.5, 1.0);

        static InsulinRequest Feed(CareController controller, DateTimeOffset at, double carbs) => FeedAt(controller, at, carbs, 200);
    }

    [Fact]
    public void Care_controller_caps_its_temporary_basal_at_2_5_times_basal_until_three_meals_are_reviewed()
    {
        // A steady 175 mg/dL (below the correction-bolus threshold) at a sensitivity of 10 mg/dL/U asks
        // for far more than either ceiling. A fresh controller (no meal reviewed) stays at 2.5x its
        // basal estimate; one that has closed three meal reviews may go to 3.5x.
        var settings = new CareControllerSettings { SensitivityMgPerDlPerUnit = 10, CarbRatioGramsPerUnit = 10, InitialBasalUnitsPerHour = 0.5 };
        var cold = new CareController(settings);
        var coldRequest = Feed(cold, Start, 0);

        var warm = new CareController(settings);
        var time = Start;
        for (var i = 0; i < 4; i++, time += TimeSpan.FromMinutes(5))
        {
            Feed(warm, time, 1);
        }
        var warmRequest = Feed(warm, time, 0);

        Assert.Equal(0, cold.MealReviews);
        Assert.Equal(3, warm.MealReviews);
        Assert.Equal(2.5 * cold.BasalEstimateUnitsPerHour, coldRequest.BasalUnitsPerHour, 9);
        Assert.Equal(3.5 * warm.BasalEstimateUnitsPerHour, warmRequest.BasalUnitsPerHour, 9);

        static InsulinRequest Feed(CareController controller, DateTimeOffset at, double carbs) => FeedAt(controller, at, carbs, 175);
    }

    [Fact]
    public void Basal_bolus_controller_boluses_carbs_over_cr_plus_correction_above_150()
    {
        var patient = TestCohort.Load()["adolescent#001"];
        var controller = new BasalBolusController(patient);
        var input = new ControllerInput(Start, 170, Start, 0, TimeSpan.FromMinutes(3)) { SimulatorMealGrams = 60, SimulatorMeanCgmMgPerDl = 170 };
        var request = controller.Decide(input);
        var expected = 60 / patient.Quest.CarbRatioGramsPerUnit + (170 - 140) / patient.Quest.CorrectionFactorMgPerDlPerUnit;
        Assert.Equal(expected, request.BolusUnits, 9);
        Assert.Equal(patient.Physiology.SteadyStateBasalUnitsPerMinute * 60, request.BasalUnitsPerHour, 9);
    }
}
