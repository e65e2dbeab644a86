using Care.Clinical.Sepsis;

namespace Care.Clinical.Tests.Sepsis;

/// <summary>Hand-computed cases of the Challenge 2019 utility (see SOURCE.md and the official scorer).</summary>
public sealed class UtilityScorerTests
{
    private const double Tolerance = 1e-12;

    // Septic record: first label at hour 14, so t_s = 20; 24 hours (0..23), the last one is t_s + 3.
    private static bool[] SepticLabels(int hours = 24, int firstPositive = 14) =>
        [.. Enumerable.Range(0, hours).Select(t => t >= firstPositive)];

    private static bool[] AlarmsAt(int hours, params int[] at)
    {
        var a = new bool[hours];
        foreach (var t in at)
        {
            a[t] = true;
        }
        return a;
    }

    [Fact]
    public void Inaction_on_a_septic_record_costs_the_late_penalties()
    {
        // Silent at d = -5..3 costs -2(d+6)/9 = -2(1+2+...+9)/9 = -10.
        var labels = SepticLabels();
        Assert.Equal(-10.0, UtilityScorer.RecordUtility(labels, new bool[24]), Tolerance);
    }

    [Fact]
    public void Optimal_classifier_alarms_from_t_s_minus_12_to_t_s_plus_3()
    {
        var labels = SepticLabels();
        var optimal = new bool[24];
        UtilityScorer.OptimalPredictions(labels, optimal);
        Assert.Equal(Enumerable.Range(0, 24).Select(t => t >= 8).ToArray(), optimal);
        // d = -12..-6: (0+1+...+6)/6 = 3.5; d = -5..3: (8+7+...+0)/9 = 4.
        Assert.Equal(7.5, UtilityScorer.RecordUtility(labels, optimal), Tolerance);
    }

    [Fact]
    public void Early_alarms_cost_like_false_alarms_and_ramp_up_to_one()
    {
        var labels = SepticLabels();
        // d = -20 → floor -0.05; d = -13 → 2 - 13/6 < -0.05 → -0.05; d = -8 → 2 - 8/6; d = -6 → 1.
        Assert.Equal(-0.05, UtilityScorer.RecordUtility(labels, AlarmsAt(24, 0)) - (-10 + 0), Tolerance);
        Assert.Equal(-0.05, UtilityScorer.RecordUtility(labels, AlarmsAt(24, 7)) + 10, Tolerance);
        Assert.Equal(2 - 8 / 6.0, UtilityScorer.RecordUtility(labels, AlarmsAt(24, 12)) + 10, Tolerance);
        Assert.Equal(1.0, UtilityScorer.RecordUtility(labels, AlarmsAt(24, 14)) + 10, Tolerance);
    }

    [Fact]
    public void Late_alarm_replaces_the_miss_penalty_by_a_falling_reward()
    {
        var labels = SepticLabels();
        // Alarm only at d = 0 (hour 20): reward 3/9 instead of the miss -2·6/9.
        double expected = -10 + 2 * 6 / 9.0 + 3 / 9.0;
        Assert.Equal(expected, UtilityScorer.RecordUtility(labels, AlarmsAt(24, 20)), Tolerance);
    }

    [Fact]
    public void Always_alarming_adds_eight_early_false_alarms_to_the_optimum()
    {
        var labels = SepticLabels();
        var always = Enumerable.Repeat(true, 24).ToArray();
        Assert.Equal(7.5 - 8 * 0.05, UtilityScorer.RecordUtility(labels, always), Tolerance);
        var score = UtilityScorer.Score(labels, always);
        Assert.Equal((7.1 + 10) / (7.5 + 10), score.Normalised, Tolerance);
    }

    [Fact]
    public void Hours_after_t_s_plus_3_count_nothing()
    {
        var labels = SepticLabels(hours: 30);
        Assert.Equal(-10.0, UtilityScorer.RecordUtility(labels, AlarmsAt(30, 24, 25, 29)), Tolerance);
    }

    [Fact]
    public void Non_septic_record_costs_each_alarm_and_references_score_zero()
    {
        var labels = new bool[10];
        var score = UtilityScorer.Score(labels, AlarmsAt(10, 1, 2, 9));
        Assert.Equal(-0.15, score.Observed, Tolerance);
        Assert.Equal(0.0, score.Inaction);
        Assert.Equal(0.0, score.Optimal);
        Assert.True(double.IsNaN(score.Normalised));
    }

    [Fact]
    public void Record_septic_from_its_first_hour_clips_the_optimal_window()
    {
        // First label at hour 0: t_s = 6; five hours, d = -6..-2.
        var labels = SepticLabels(hours: 5, firstPositive: 0);
        var optimal = new bool[5];
        UtilityScorer.OptimalPredictions(labels, optimal);
        Assert.All(optimal, Assert.True);
        var score = UtilityScorer.Score(labels, new bool[5]);
        Assert.Equal(1 + (8 + 7 + 6 + 5) / 9.0, score.Optimal, Tolerance);
        Assert.Equal(-2 * (1 + 2 + 3 + 4) / 9.0, score.Inaction, Tolerance);
        Assert.Equal(0.0, score.Normalised, Tolerance);
    }

    [Fact]
    public void Normalised_utility_pools_records_before_dividing()
    {
        var septic = UtilityScorer.Score(SepticLabels(), Enumerable.Repeat(true, 24).ToArray());
        var quiet = UtilityScorer.Score(new bool[10], AlarmsAt(10, 1, 2, 9));
        var total = septic + quiet;
        Assert.Equal((7.1 - 0.15 + 10) / 17.5, total.Normalised, Tolerance);
        // Inaction normalises to 0, optimal to 1 on the pooled records.
        var opt = new bool[24];
        UtilityScorer.OptimalPredictions(SepticLabels(), opt);
        var best = UtilityScorer.Score(SepticLabels(), opt) + UtilityScorer.Score(new bool[10], new bool[10]);
        Assert.Equal(1.0, best.Normalised, Tolerance);
        var none = UtilityScorer.Score(SepticLabels(), new bool[24]) + UtilityScorer.Score(new bool[10], new bool[10]);
        Assert.Equal(0.0, none.Normalised, Tolerance);
    }

    [Fact]
    public void Length_mismatch_is_rejected()
    {
        Assert.Throws<ArgumentException>(() => UtilityScorer.RecordUtility(new bool[3], new bool[4]));
    }
}
