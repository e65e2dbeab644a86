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

    /// <summary>Steps every 5 minutes for <paramref name="minutes"/> at a steady glucose; returns the time after.</summary>
    private static DateTimeOffset Hold(CareController controller, DateTimeOffset from, double minutes, double glucose)
    {
        var time = from;
        for (; time < from + TimeSpan.FromMinutes(minutes); time += TimeSpan.FromMinutes(5))
        {
            FeedAt(controller, time, 0, glucose);
        }
        return time;
    }

    /// <summary>A controller past its cold start: three 1 g meals reviewed, then 8 quiet hours at 120 mg/dL.</summary>
    private static (CareController Controller, DateTimeOffset Time) WarmedUp(CareControllerSettings settings)
    {
        var controller = new CareController(settings);
        var time = Start;
        for (var i = 0; i < 4; i++, time += TimeSpan.FromMinutes(5))
        {
            FeedAt(controller, time, 1, 120);
        }
        time = Hold(controller, time, 8 * 60, 120);
        Assert.True(controller.MealReviews >= 3, $"{controller.MealReviews} meal reviews");
        return (controller, time);
    }

    [Fact]
    public void Care_controller_corrects_nothing_in_a_meal_bolus_within_four_hours_of_the_previous_meal()
    {
        // Two 40 g meals two hours apart at a steady 200 mg/dL: the first bolus carries a correction
        // (and the super bolus), the second at most the learned share of grams/CR.
        var (stacked, start) = WarmedUp(CareControllerSettings.FromQuest(Quest));
        var first = Feed(stacked, start, 40);
        var time = Hold(stacked, start + TimeSpan.FromMinutes(5), 115, 200);
        var second = Feed(stacked, time, 40);
        var (fresh, freshTime) = WarmedUp(CareControllerSettings.FromQuest(Quest));
        var unstacked = Feed(fresh, freshTime, 40);

        var carbDose = 40 / Quest.CarbRatioGramsPerUnit;
        Assert.True(first.BolusUnits > stacked.MealDoseScale * carbDose + 0.5, $"first bolus {first.BolusUnits:F2} U");
        Assert.True(second.BolusUnits <= stacked.MealDoseScale * carbDose + 1e-9, $"second bolus {second.BolusUnits:F2} U");
        Assert.True(unstacked.BolusUnits > second.BolusUnits + 0.5, $"unstacked {unstacked.BolusUnits:F2} U vs stacked {second.BolusUnits:F2} U");
        Assert.InRange(stacked.MealDoseScale, 0.5, 1.6);

        static InsulinRequest Feed(CareController controller, DateTimeOffset at, double carbs) => FeedAt(controller, at, carbs, 200);
    }

    [Fact]
    public void Care_controller_in_its_cold_start_gives_no_correction_super_bolus_or_automatic_correction()
    {
        // At a steady 250 mg/dL a warmed-up controller adds a correction and a super bolus to a meal
        // and corrects between meals; a fresh one gives only the learned share of grams/CR.
        var cold = new CareController(CareControllerSettings.FromQuest(Quest));
        var coldMeal = FeedAt(cold, Start, 40, 250);
        var (warm, time) = WarmedUp(CareControllerSettings.FromQuest(Quest));
        var warmMeal = FeedAt(warm, time, 40, 250);

        Assert.Equal(0.7 * 40 / Quest.CarbRatioGramsPerUnit, coldMeal.BolusUnits, 9);
        Assert.True(warmMeal.BolusUnits > warm.MealDoseScale * 40 / Quest.CarbRatioGramsPerUnit + 0.5, $"warm meal bolus {warmMeal.BolusUnits:F2} U");

        var coldBoluses = Enumerable.Range(0, 12).Sum(i => FeedAt(new CareController(CareControllerSettings.FromQuest(Quest)), Start, 0, 250).BolusUnits);
        var (quiet, at) = WarmedUp(CareControllerSettings.FromQuest(Quest));
        var warmBoluses = 0.0;
        for (var i = 0; i < 12; i++, at += TimeSpan.FromMinutes(5))
        {
            warmBoluses += FeedAt(quiet, at, 0, 250).BolusUnits;
        }
        Assert.Equal(0, coldBoluses);
        Assert.True(warmBoluses > 0, "a warmed-up controller corrects a steady 250 mg/dL");
    }

    [Fact]
    public void Care_controller_learns_its_basal_from_a_slow_rise_but_not_from_a_fast_one()
    {
        // Three fasting hours of a steady rise: 0.3 mg/dL/min is missing basal, 1 mg/dL/min an
        // unannounced meal (or a sensor artefact) that says nothing about basal.
        static double After(double mgPerDlPerMinute)
        {
            var controller = new CareController(CareControllerSettings.FromQuest(Quest));
            for (var i = 0; i < 36; i++)
            {
                FeedAt(controller, Start + TimeSpan.FromMinutes(5 * i), 0, 120 + mgPerDlPerMinute * 5 * i);
            }
            return controller.BasalEstimateUnitsPerHour;
        }
        var initial = CareControllerSettings.FromQuest(Quest).InitialBasalUnitsPerHour;
        Assert.True(After(0.3) > initial * 1.01, $"slow rise: {After(0.3):F3} U/h from {initial:F3}");
        Assert.Equal(initial, After(1.0), 12);
    }

    [Fact]
    public void Care_controller_meal_learning_shrinks_after_a_low_and_does_not_grow_on_a_300_peak_or_within_a_day_of_a_low()
    {
        // Each meal's course over the next 6 h is judged when the next meal comes.
        static double After(Action<CareController, DateTimeOffset> course)
        {
            var controller = new CareController(CareControllerSettings.FromQuest(Quest));
            FeedAt(controller, Start, 30, 150);
            course(controller, Start + TimeSpan.FromMinutes(5));
            return controller.MealDoseScale;
        }
        static void Course(CareController c, DateTimeOffset from, params double[] glucose)
        {
            var time = from;
            foreach (var g in glucose)
            {
                time = Hold(c, time, 60, g);
            }
            FeedAt(c, time, 30, 150);
        }

        Assert.Equal(0.7 * 1.1, After((c, t) => Course(c, t, 150, 220, 200, 160, 140, 130)), 9);
        Assert.Equal(0.7, After((c, t) => Course(c, t, 150, 320, 250, 160, 140, 130)), 9);
        Assert.Equal(0.7 * 0.8, After((c, t) => Course(c, t, 150, 120, 90, 75, 100, 120)), 9);
        // A low, then a high course within the day: no growth; the same course a day later grows.
        Assert.Equal(0.7 * 0.8, After((c, t) =>
        {
            Course(c, t, 150, 120, 90, 75, 100, 120);
            Course(c, t + TimeSpan.FromHours(6.1), 150, 220, 200, 160, 140, 130);
        }), 9);
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
