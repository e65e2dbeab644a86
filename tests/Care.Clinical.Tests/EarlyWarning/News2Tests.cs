using Care.Clinical.EarlyWarning;

namespace Care.Clinical.Tests.EarlyWarning;

/// <summary>Every band boundary of the RCP 2017 NEWS2 chart, on both sides.</summary>
public sealed class News2Tests
{
    [Theory]
    [InlineData(0, 3)] [InlineData(8, 3)] [InlineData(9, 1)] [InlineData(11, 1)] [InlineData(12, 0)]
    [InlineData(20, 0)] [InlineData(21, 2)] [InlineData(24, 2)] [InlineData(25, 3)] [InlineData(60, 3)]
    [InlineData(8.4, 3)] [InlineData(8.5, 1)] [InlineData(20.5, 2)]
    public void Respiration_rate_bands(double rate, int expected) => Assert.Equal(expected, News2.RespiratoryRate(rate));

    [Theory]
    [InlineData(50, 3)] [InlineData(91, 3)] [InlineData(92, 2)] [InlineData(93, 2)] [InlineData(94, 1)]
    [InlineData(95, 1)] [InlineData(96, 0)] [InlineData(100, 0)] [InlineData(91.4, 3)] [InlineData(95.5, 0)]
    public void SpO2_scale_1_bands_ignore_oxygen(double spo2, int expected)
    {
        Assert.Equal(expected, News2.SpO2(spo2, onOxygen: false));
        Assert.Equal(expected, News2.SpO2(spo2, onOxygen: true));
    }

    [Theory]
    [InlineData(83, false, 3)] [InlineData(84, false, 2)] [InlineData(85, false, 2)] [InlineData(86, false, 1)]
    [InlineData(87, false, 1)] [InlineData(88, false, 0)] [InlineData(92, false, 0)] [InlineData(93, false, 0)]
    [InlineData(100, false, 0)] [InlineData(92, true, 0)] [InlineData(93, true, 1)] [InlineData(94, true, 1)]
    [InlineData(95, true, 2)] [InlineData(96, true, 2)] [InlineData(97, true, 3)] [InlineData(83, true, 3)]
    public void SpO2_scale_2_bands(double spo2, bool onOxygen, int expected) =>
        Assert.Equal(expected, News2.SpO2(spo2, onOxygen, SpO2Scale.Scale2));

    [Theory]
    [InlineData(true, 2)] [InlineData(false, 0)]
    public void Air_or_oxygen(bool onOxygen, int expected) => Assert.Equal(expected, News2.AirOrOxygen(onOxygen));

    [Theory]
    [InlineData(60, 3)] [InlineData(90, 3)] [InlineData(91, 2)] [InlineData(100, 2)] [InlineData(101, 1)]
    [InlineData(110, 1)] [InlineData(111, 0)] [InlineData(219, 0)] [InlineData(220, 3)] [InlineData(280, 3)]
    public void Systolic_bands(double sbp, int expected) => Assert.Equal(expected, News2.Systolic(sbp));

    [Theory]
    [InlineData(30, 3)] [InlineData(40, 3)] [InlineData(41, 1)] [InlineData(50, 1)] [InlineData(51, 0)]
    [InlineData(90, 0)] [InlineData(91, 1)] [InlineData(110, 1)] [InlineData(111, 2)] [InlineData(130, 2)]
    [InlineData(131, 3)] [InlineData(200, 3)]
    public void Pulse_bands(double pulse, int expected) => Assert.Equal(expected, News2.Pulse(pulse));

    [Theory]
    [InlineData(Consciousness.Alert, 0)] [InlineData(Consciousness.NewConfusion, 3)] [InlineData(Consciousness.Voice, 3)]
    [InlineData(Consciousness.Pain, 3)] [InlineData(Consciousness.Unresponsive, 3)]
    public void Consciousness_bands(Consciousness level, int expected) => Assert.Equal(expected, News2.ConsciousnessScore(level));

    [Theory]
    [InlineData(33.0, 3)] [InlineData(35.0, 3)] [InlineData(35.1, 1)] [InlineData(36.0, 1)] [InlineData(36.1, 0)]
    [InlineData(38.0, 0)] [InlineData(38.1, 1)] [InlineData(39.0, 1)] [InlineData(39.1, 2)] [InlineData(41.0, 2)]
    [InlineData(35.04, 3)] [InlineData(35.05, 1)] [InlineData(38.04, 0)]
    public void Temperature_bands(double celsius, int expected) => Assert.Equal(expected, News2.Temperature(celsius));

    [Theory]
    [InlineData(double.NaN)] [InlineData(double.PositiveInfinity)] [InlineData(double.NegativeInfinity)]
    public void Non_finite_values_are_rejected_not_scored(double bad)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => News2.RespiratoryRate(bad));
        Assert.Throws<ArgumentOutOfRangeException>(() => News2.SpO2(bad, false));
        Assert.Throws<ArgumentOutOfRangeException>(() => News2.Systolic(bad));
        Assert.Throws<ArgumentOutOfRangeException>(() => News2.Pulse(bad));
        Assert.Throws<ArgumentOutOfRangeException>(() => News2.Temperature(bad));
    }

    [Fact]
    public void Undefined_consciousness_level_is_rejected() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => News2.ConsciousnessScore((Consciousness)9));

    [Fact]
    public void Healthy_adult_scores_zero_and_low()
    {
        var score = News2.Score(new News2Input(16, 98, false, 125, 72, Consciousness.Alert, 36.8));
        Assert.Equal(0, score.Total);
        Assert.Equal(News2Level.Low, score.Level);
    }

    [Fact]
    public void A_single_three_with_a_low_total_is_low_medium()
    {
        var score = News2.Score(new News2Input(16, 98, false, 125, 72, Consciousness.Voice, 36.8));
        Assert.Equal(3, score.Total);
        Assert.Equal(News2Level.LowMedium, score.Level);
        Assert.Equal(3, score.Parts.Consciousness);
    }

    [Theory]
    [InlineData(4, News2Level.Low)]
    [InlineData(5, News2Level.Medium)]
    [InlineData(6, News2Level.Medium)]
    [InlineData(7, News2Level.High)]
    [InlineData(20, News2Level.High)]
    public void Aggregate_thresholds_set_the_level(int total, News2Level expected)
    {
        // Build parts summing to total without any single 3 where possible (2+2+... then 1s).
        int[] parts = new int[7];
        int left = total;
        for (int i = 0; i < parts.Length && left > 0; i++)
        {
            parts[i] = Math.Min(i == 2 ? 2 : (total > 14 ? 3 : 2), left);
            left -= parts[i];
        }
        var p = new News2Parts(parts[0], parts[1], parts[2], parts[3], parts[4], parts[5], parts[6]);
        Assert.Equal(total, p.Total);
        Assert.Equal(expected, News2.LevelOf(p));
    }

    [Fact]
    public void Septic_picture_scores_high_with_every_part_named()
    {
        var score = News2.Score(new News2Input(26, 91, true, 88, 132, Consciousness.NewConfusion, 39.4));
        Assert.Equal(new News2Parts(3, 3, 2, 3, 3, 3, 2), score.Parts);
        Assert.Equal(19, score.Total);
        Assert.Equal(News2Level.High, score.Level);
    }
}
