using Care.Core.Ids;
using Care.Core.Observations;

namespace Care.Core.Tests;

public sealed class ObservationCatalogTests
{
    [Theory]
    [InlineData("8867-4", "/min", VitalSign.HeartRate)]
    [InlineData("59408-5", "%", VitalSign.OxygenSaturation)]
    [InlineData("8310-5", "Cel", VitalSign.BodyTemperature)]
    [InlineData("9279-1", "/min", VitalSign.RespiratoryRate)]
    [InlineData("8480-6", "mm[Hg]", VitalSign.SystolicBloodPressure)]
    [InlineData("8462-4", "mm[Hg]", VitalSign.DiastolicBloodPressure)]
    [InlineData("99504-3", "mg/dL", VitalSign.InterstitialGlucose)]
    public void Every_design_code_is_known_with_its_ucum_unit(string loinc, string ucum, VitalSign sign)
    {
        Assert.True(ObservationCatalog.TryFind(loinc, out var type));
        Assert.Equal(ucum, type.Ucum);
        Assert.Equal(sign, type.Sign);
        Assert.Same(type, ObservationCatalog.Get(sign));
    }

    [Theory]
    [InlineData("1234-5")]
    [InlineData("")]
    [InlineData(null)]
    [InlineData("8867-4 ")]
    public void Unknown_codes_are_not_found(string? loinc) =>
        Assert.False(ObservationCatalog.TryFind(loinc, out _));

    [Theory]
    [InlineData(double.NaN, false)]
    [InlineData(double.PositiveInfinity, false)]
    [InlineData(9.99, false)]
    [InlineData(10, true)]
    [InlineData(350, true)]
    [InlineData(350.01, false)]
    public void Heart_rate_plausibility_rejects_nan_and_impossible_values(double value, bool plausible) =>
        Assert.Equal(plausible, ObservationCatalog.Get(VitalSign.HeartRate).IsPlausible(value));

    [Fact]
    public void Undefined_sign_is_rejected() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => ObservationCatalog.Get((VitalSign)0));

    [Theory]
    [InlineData("W-0001", true)]
    [InlineData("a.b_c-D9", true)]
    [InlineData("", false)]
    [InlineData("has space", false)]
    [InlineData("é", false)]
    public void Ids_follow_one_rule(string text, bool valid)
    {
        Assert.Equal(valid, WearerId.TryParse(text, out _));
        Assert.Equal(valid, PatchId.TryParse(text, out _));
    }

    [Fact]
    public void Ids_longer_than_64_characters_are_rejected()
    {
        Assert.True(WearerId.TryParse(new string('a', 64), out _));
        Assert.False(WearerId.TryParse(new string('a', 65), out _));
        Assert.Throws<FormatException>(() => WearerId.Parse(new string('a', 65)));
    }
}
