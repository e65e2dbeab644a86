using Care.Clinical.EarlyWarning;
using Care.Core.Observations;
using Care.Hermes.Console.Charts;

namespace Care.Hermes.Console.Tests.Charts;

public sealed class News2BandsTests
{
    [Theory]
    [InlineData(VitalSign.HeartRate)]
    [InlineData(VitalSign.RespiratoryRate)]
    [InlineData(VitalSign.OxygenSaturation)]
    [InlineData(VitalSign.BodyTemperature)]
    [InlineData(VitalSign.SystolicBloodPressure)]
    public void Given_a_scored_sign_When_its_bands_are_drawn_Then_every_value_falls_in_the_band_of_its_own_NEWS2_score(VitalSign sign)
    {
        var bands = News2Bands.For(sign);
        Func<double, int> score = sign switch
        {
            VitalSign.HeartRate => News2.Pulse,
            VitalSign.RespiratoryRate => News2.RespiratoryRate,
            VitalSign.OxygenSaturation => v => News2.SpO2(v, onOxygen: false),
            VitalSign.BodyTemperature => News2.Temperature,
            _ => News2.Systolic,
        };
        double step = sign == VitalSign.BodyTemperature ? 0.1 : 1;
        double low = sign == VitalSign.BodyTemperature ? 33 : 30;
        for (double v = low; v < low + (150 * step); v += step)
        {
            var band = Assert.Single(bands, b => v >= b.From && v < b.To);
            Assert.Equal(score(v), band.Score);
        }
    }

    [Fact]
    public void Given_heart_rate_When_its_bands_are_derived_Then_the_edges_are_those_of_the_NEWS2_chart()
    {
        var edges = News2Bands.For(VitalSign.HeartRate).Skip(1).Select(b => b.From).ToArray();
        Assert.Equal([40.5, 50.5, 90.5, 110.5, 130.5], edges);
    }

    [Fact]
    public void Given_diastolic_pressure_When_bands_are_asked_Then_there_are_none()
    {
        Assert.Empty(News2Bands.For(VitalSign.DiastolicBloodPressure));
    }
}
