using Care.Clinical.Sepsis;

namespace Care.Clinical.Tests.Sepsis;

public sealed class RankMetricsTests
{
    [Fact]
    public void Auroc_and_auprc_match_hand_computed_values()
    {
        float[] scores = [0.1f, 0.4f, 0.35f, 0.8f];
        bool[] labels = [false, false, true, true];
        Assert.Equal(0.75, RankMetrics.Auroc(scores, labels), 12);
        // Descending: 0.8 (+) 0.4 (-) 0.35 (+) 0.1 (-): AP = ½·1 + ½·⅔.
        Assert.Equal(0.5 + 1 / 3.0, RankMetrics.Auprc(scores, labels), 12);
    }

    [Fact]
    public void Tied_scores_give_chance_auroc_and_prevalence_auprc()
    {
        float[] scores = [0.5f, 0.5f, 0.5f, 0.5f, 0.5f];
        bool[] labels = [true, false, false, true, false];
        Assert.Equal(0.5, RankMetrics.Auroc(scores, labels), 12);
        Assert.Equal(0.4, RankMetrics.Auprc(scores, labels), 12);
    }

    [Fact]
    public void Perfect_and_inverted_rankings()
    {
        float[] scores = [1, 2, 3, 4];
        Assert.Equal(1.0, RankMetrics.Auroc(scores, [false, false, true, true]), 12);
        Assert.Equal(0.0, RankMetrics.Auroc(scores, [true, true, false, false]), 12);
        Assert.Equal(1.0, RankMetrics.Auprc(scores, [false, false, true, true]), 12);
    }

    [Fact]
    public void Single_class_gives_nan_and_nan_score_is_rejected()
    {
        Assert.True(double.IsNaN(RankMetrics.Auroc([1f, 2f], [false, false])));
        Assert.True(double.IsNaN(RankMetrics.Auprc([1f, 2f], [false, false])));
        Assert.Throws<ArgumentException>(() => RankMetrics.Auroc([float.NaN, 2f], [true, false]));
    }

    [Fact]
    public void Accumulator_counts_alarm_episodes_per_patient_day_and_timely_detection()
    {
        var acc = new EvaluationAccumulator();
        // 24 quiet hours with two alarm episodes (hours 3-4 and 10).
        var quiet = new bool[24];
        var alarms = new bool[24];
        alarms[3] = alarms[4] = alarms[10] = true;
        acc.Add(quiet, [.. alarms.Select(a => a ? 1f : 0f)], alarms);
        // Septic: first label at 14 (t_s = 20), 24 hours, alarm at hour 20 only (in time).
        var septic = Enumerable.Range(0, 24).Select(t => t >= 14).ToArray();
        var late = new bool[24];
        late[20] = true;
        acc.Add(septic, [.. septic.Select(s => s ? 1f : 0f)], late);
        var r = acc.Result();
        Assert.Equal(2, r.Patients);
        Assert.Equal(48, r.Hours);
        Assert.Equal(3 / 2.0, r.AlarmsPerPatientDay, 12);
        Assert.Equal(4 / 48.0, r.AlarmHourFraction, 12);
        Assert.Equal(1, r.SepticPatients);
        Assert.Equal(1, r.SepticPatientsAlarmedInTime);
        Assert.Equal(-0.15 + (-10 + 2 * 6 / 9.0 + 3 / 9.0), r.Utility.Observed, 12);
    }
}
