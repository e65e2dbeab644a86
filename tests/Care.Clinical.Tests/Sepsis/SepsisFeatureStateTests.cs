using Care.Clinical.Challenge2019;
using Care.Clinical.EarlyWarning;
using Care.Clinical.Sepsis;

namespace Care.Clinical.Tests.Sepsis;

public sealed class SepsisFeatureStateTests
{
    private static int Index(string name) => SepsisFeatures.Names.ToList().IndexOf(name);

    internal static float[] EmptyRow()
    {
        var row = new float[ChallengeColumns.InputCount];
        Array.Fill(row, float.NaN);
        return row;
    }

    private static float[][] Run(IEnumerable<float[]> rows)
    {
        var state = new SepsisFeatureState();
        return [.. rows.Select(r =>
        {
            var f = new float[SepsisFeatures.Count];
            state.Update(r, f);
            return f;
        })];
    }

    [Fact]
    public void Names_are_unique_and_match_the_vector_length()
    {
        Assert.Equal(SepsisFeatures.Count, SepsisFeatures.Names.Count);
        Assert.Equal(SepsisFeatures.Count, SepsisFeatures.Names.Distinct().Count());
        Assert.Equal("NEWS2", SepsisFeatures.Names[SepsisFeatures.News2]);
        Assert.Equal("qSOFA", SepsisFeatures.Names[SepsisFeatures.Qsofa]);
    }

    [Fact]
    public void Last_value_hours_since_frequency_and_change_follow_the_measurements()
    {
        var rows = Enumerable.Range(0, 4).Select(_ => EmptyRow()).ToArray();
        rows[0][ChallengeColumns.HR] = 80;
        rows[2][ChallengeColumns.HR] = 95;
        var f = Run(rows);
        Assert.True(float.IsNaN(f[0][Index("Temp")]));
        Assert.True(float.IsNaN(f[0][Index("Temp_hoursSince")]));
        Assert.Equal(80f, f[1][Index("HR")]);
        Assert.Equal(1f, f[1][Index("HR_hoursSince")]);
        Assert.Equal(95f, f[3][Index("HR")]);
        Assert.Equal(1f, f[3][Index("HR_hoursSince")]);
        Assert.Equal(0.5f, f[3][Index("HR_perHour")]);
        Assert.Equal(15f, f[3][Index("HR_changeSincePrevious")]);
        Assert.Equal(87.5f, f[3][Index("HR_mean6h")]);
        Assert.Equal(80f, f[3][Index("HR_min6h")]);
        Assert.Equal(95f, f[3][Index("HR_max6h")]);
        Assert.Equal(MathF.Sqrt(112.5f), f[3][Index("HR_sd6h")], 3);
        Assert.Equal(3f, f[3][Index("HoursInRecord")]);
    }

    [Fact]
    public void Six_hour_window_forgets_older_measurements_and_change_spans_six_hours()
    {
        var rows = Enumerable.Range(0, 8).Select(_ => EmptyRow()).ToArray();
        rows[0][ChallengeColumns.Resp] = 10;
        rows[7][ChallengeColumns.Resp] = 30;
        var f = Run(rows);
        Assert.Equal(10f, f[5][Index("Resp_mean6h")]);
        Assert.True(float.IsNaN(f[6][Index("Resp_mean6h")]));
        Assert.Equal(10f, f[6][Index("Resp")]);
        Assert.Equal(30f, f[7][Index("Resp_mean6h")]);
        Assert.Equal(20f, f[7][Index("Resp_change6h")]);
        Assert.True(float.IsNaN(f[5][Index("Resp_change6h")]));
    }

    [Fact]
    public void Day_window_and_stay_mean_cover_older_measurements()
    {
        var rows = Enumerable.Range(0, 30).Select(_ => EmptyRow()).ToArray();
        rows[0][ChallengeColumns.SBP] = 150;
        rows[10][ChallengeColumns.SBP] = 120;
        rows[29][ChallengeColumns.SBP] = 90;
        var f = Run(rows);
        Assert.Equal(135f, f[20][Index("SBP_mean24h")]);
        Assert.Equal(120f, f[20][Index("SBP_min24h")]);
        Assert.Equal(150f, f[20][Index("SBP_max24h")]);
        // At hour 29 the first measurement (hour 0) has left the 24-h window but not the stay mean.
        Assert.Equal(105f, f[29][Index("SBP_mean24h")]);
        Assert.Equal(90f - 120f, f[29][Index("SBP_vsStayMean")]);
    }

    [Theory]
    [InlineData(0.4f, 0.4f)]
    [InlineData(40f, 0.4f)]
    [InlineData(4000f, float.NaN)]
    [InlineData(0f, float.NaN)]
    public void FiO2_percentages_are_rescaled_and_absurd_values_dropped(float stored, float expected)
    {
        var row = EmptyRow();
        row[ChallengeColumns.FiO2] = stored;
        var f = Run([row]);
        Assert.Equal(expected, f[0][Index("FiO2")]);
    }

    [Fact]
    public void Partial_news2_with_every_vital_equals_the_rcp_score_for_an_alert_patient()
    {
        var row = EmptyRow();
        row[ChallengeColumns.Resp] = 23;
        row[ChallengeColumns.O2Sat] = 93;
        row[ChallengeColumns.FiO2] = 0.5f;
        row[ChallengeColumns.SBP] = 99;
        row[ChallengeColumns.HR] = 115;
        row[ChallengeColumns.Temp] = 38.5f;
        var f = Run([row]);
        var expected = News2.Score(new News2Input(23, 93, true, 99, 115, Consciousness.Alert, 38.5)).Total;
        Assert.Equal(expected, f[0][SepsisFeatures.News2]);
        Assert.Equal(2f, f[0][SepsisFeatures.Qsofa]);
    }

    [Fact]
    public void Features_at_hour_t_do_not_depend_on_later_rows()
    {
        var records = SepsisTestData.Synthetic(3, hours: 30, seed: 5);
        foreach (var record in records)
        {
            var full = Run(Enumerable.Range(0, record.Hours).Select(t => record.Row(t).ToArray()));
            var prefix = Run(Enumerable.Range(0, 12).Select(t => record.Row(t).ToArray()));
            for (int t = 0; t < 12; t++)
            {
                Assert.Equal(prefix[t], full[t]);
            }
        }
    }

    [Fact]
    public void Zero_denominators_give_missing_ratios_not_infinities()
    {
        var row = EmptyRow();
        row[ChallengeColumns.HR] = 90;
        row[ChallengeColumns.SBP] = 0;
        row[ChallengeColumns.BUN] = 20;
        row[ChallengeColumns.Creatinine] = 0;
        var f = Run([row]);
        Assert.True(float.IsNaN(f[0][Index("ShockIndex")]));
        Assert.True(float.IsNaN(f[0][Index("BUN_Creatinine")]));
        Assert.All(f[0], x => Assert.False(float.IsInfinity(x)));
    }

    [Fact]
    public void Reset_starts_a_new_patient()
    {
        var row = EmptyRow();
        row[ChallengeColumns.HR] = 100;
        var state = new SepsisFeatureState();
        var f = new float[SepsisFeatures.Count];
        state.Update(row, f);
        state.Reset();
        state.Update(EmptyRow(), f);
        Assert.True(float.IsNaN(f[Index("HR")]));
        Assert.Equal(1, state.Hours);
    }

    [Fact]
    public void Wrong_row_length_is_rejected()
    {
        var state = new SepsisFeatureState();
        Assert.Throws<ArgumentException>(() => state.Update(new float[39], new float[SepsisFeatures.Count]));
    }
}
