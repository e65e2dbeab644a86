using Care.Metabolic.Evaluation;
using Care.Metabolic.Scenarios;

namespace Care.Metabolic.Tests.Evaluation;

public sealed class EvaluationTests
{
    [Fact]
    public void Risk_is_zero_near_112_mg_per_dl_and_saturates_at_the_extremes()
    {
        var (low, high) = GlucoseMetricsAccumulator.Risk(112.5);
        Assert.True(low + high < 0.01);
        Assert.Equal((100.0, 0.0), GlucoseMetricsAccumulator.Risk(15));
        Assert.Equal((0.0, 100.0), GlucoseMetricsAccumulator.Risk(650));
        Assert.True(GlucoseMetricsAccumulator.Risk(60).Low > GlucoseMetricsAccumulator.Risk(80).Low);
    }

    [Fact]
    public void Time_in_ranges_follow_the_consensus_boundaries()
    {
        var acc = new GlucoseMetricsAccumulator();
        foreach (var g in new double[] { 50, 60, 70, 180, 181, 260, 120, 120, 120, 120 })
        {
            acc.Add(g);
        }
        acc.AddInsulin(20);
        var m = acc.Result(0.5);
        Assert.Equal(60, m.Tir, 9);   // 70, 180 and the four 120s are in range (inclusive)
        Assert.Equal(20, m.Tbr70, 9);
        Assert.Equal(10, m.Tbr54, 9);
        Assert.Equal(20, m.Tar180, 9);
        Assert.Equal(10, m.Tar250, 9);
        Assert.Equal(50, m.MinGlucose);
        Assert.Equal(40, m.InsulinPerDay, 9);
        Assert.Throws<ArgumentOutOfRangeException>(() => acc.Add(double.NaN));
    }

    [Theory]
    [InlineData(ScenarioKind.Standard)]
    [InlineData(ScenarioKind.MissedBolus)]
    [InlineData(ScenarioKind.CarbOverestimate)]
    [InlineData(ScenarioKind.SensorFaults)]
    [InlineData(ScenarioKind.Exercise)]
    [InlineData(ScenarioKind.Dawn)]
    public void A_filled_scenario_day_equals_the_minute_by_minute_lookup(ScenarioKind kind)
    {
        var scenario = new Scenario(kind, 17, 4);
        var day = new ScenarioMinute[1440];
        var meals = 0;
        for (var d = 0; d < 5; d++)
        {
            // Day 4 is past the end: both repeat the last day.
            scenario.FillDay(d, day);
            for (var m = 0; m < 1440; m++)
            {
                var expected = scenario.At(d * 1440L + m);
                Assert.Equal(expected, day[m]);
                meals += expected.MealGrams > 0 ? 1 : 0;
            }
        }
        Assert.True(meals >= 10, $"only {meals} meals in 5 days");
        Assert.Throws<ArgumentOutOfRangeException>(() => scenario.FillDay(0, new ScenarioMinute[1439]));
    }

    [Fact]
    public void Scenarios_with_the_same_seed_share_their_meals_and_differ_across_seeds()
    {
        var standard = new Scenario(ScenarioKind.Standard, 5, 3);
        var missed = new Scenario(ScenarioKind.MissedBolus, 5, 3);
        var other = new Scenario(ScenarioKind.Standard, 6, 3);
        for (var day = 0; day < 3; day++)
        {
            Assert.Equal(standard.MealsOn(day).Select(m => (m.MinuteOfDay, m.Grams)), missed.MealsOn(day).Select(m => (m.MinuteOfDay, m.Grams)));
            Assert.Single(missed.MealsOn(day), m => m.AnnouncedGrams == 0 && m.Grams > 20);
        }
        Assert.NotEqual(standard.MealsOn(0).Select(m => m.MinuteOfDay), other.MealsOn(0).Select(m => m.MinuteOfDay));
        Assert.All(standard.MealsOn(0), m => Assert.InRange(m.MinuteOfDay, 5 * 60, 23 * 60));
    }

    [Fact]
    public void Cohort_evaluation_is_deterministic_and_reports_every_selected_patient()
    {
        var cohort = TestCohort.Load();
        var first = CohortEvaluation.Run(cohort, "basal-bolus", "standard", 1, 3, "adults", null, TestContext.Current.CancellationToken);
        var second = CohortEvaluation.Run(cohort, "basal-bolus", "standard", 1, 3, "adults", null, TestContext.Current.CancellationToken);
        Assert.Equal(10, first.Patients.Count);
        Assert.All(first.Patients, p => Assert.StartsWith("adult#", p.Id, StringComparison.Ordinal));
        Assert.Equal(first.Patients.Select(p => p.Metrics), second.Patients.Select(p => p.Metrics));
        Assert.Equal(first.Patients.Average(p => p.Metrics.Tir), first.Cohort.Tir, 9);
    }

    [Fact]
    public void Care_controller_keeps_the_adults_out_of_severe_hypoglycaemia_for_two_days()
    {
        var report = CohortEvaluation.Run(TestCohort.Load(), "care", "standard", 2, 21, "adults", null, TestContext.Current.CancellationToken);
        foreach (var p in report.Patients.Take(10))
        {
            Assert.True(p.Metrics.MinGlucose > 54, $"{p.Id}: minimum {p.Metrics.MinGlucose:F1} mg/dL");
            Assert.True(p.Metrics.Tir > 50, $"{p.Id}: TIR {p.Metrics.Tir:F1} %");
        }
    }

    [Fact]
    public void Unknown_names_are_rejected_with_the_option_named()
    {
        var cohort = TestCohort.Load();
        var e = Assert.Throws<Care.Core.Errors.InvalidInputException>(() => CohortEvaluation.Run(cohort, "magic", "standard", 1, 1, "all", null, TestContext.Current.CancellationToken));
        Assert.Contains("--controller", e.Message, StringComparison.Ordinal);
        e = Assert.Throws<Care.Core.Errors.InvalidInputException>(() => CohortEvaluation.Run(cohort, "care", "holiday", 1, 1, "all", null, TestContext.Current.CancellationToken));
        Assert.Contains("--scenario", e.Message, StringComparison.Ordinal);
        e = Assert.Throws<Care.Core.Errors.InvalidInputException>(() => CohortEvaluation.Run(cohort, "care", "standard", 0, 1, "all", null, TestContext.Current.CancellationToken));
        Assert.Contains("--days", e.Message, StringComparison.Ordinal);
    }
}
