using Care.Core.Bundles;
using Care.Core.Doses;
using Care.Core.Errors;
using Care.Core.Ids;
using Care.Core.Observations;

namespace Care.Core.Tests.Bundles;

public sealed class BundleDosesTests
{
    private const string Dose = """{"time":"2026-11-27T11:00:00Z","drug":"insulin","unit":"U","basalUnitsPerHour":0.8,"durationMinutes":5,"bolusUnits":2.5,"reason":"controller-decision"}""";

    private static string WithDoses(params string[] doses) => BundleText.Valid(extra: $",\"doses\":[{string.Join(",", doses)}]");

    private static Bundle Read(string json) => BundleReader.Read(BundleText.Bytes(json), BundleText.Now);

    private static InputError Rejected(string json)
    {
        var e = Assert.Throws<InvalidInputException>(() => Read(json));
        return Assert.Single(e.Errors);
    }

    private static string DoseWith(string field, string json) =>
        System.Text.RegularExpressions.Regex.Replace(Dose, $"\"{field}\":(\"[^\"]*\"|[^,}}]+)", $"\"{field}\":{json}");

    [Fact]
    public void Bundle_without_doses_has_none()
    {
        Assert.Empty(Read(BundleText.Valid()).Doses);
    }

    [Fact]
    public void Dose_is_read_with_every_field()
    {
        var dose = Assert.Single(Read(WithDoses(Dose)).Doses);
        Assert.Equal(new DoseDelivery(new DateTimeOffset(2026, 11, 27, 11, 0, 0, TimeSpan.Zero), 0.8, TimeSpan.FromMinutes(5), 2.5, DoseDeliveryReason.ControllerDecision), dose);
        Assert.Equal(0.8 * 5 / 60 + 2.5, dose.TotalUnits, 12);
    }

    [Fact]
    public void Writer_output_with_doses_reads_back_to_the_same_doses()
    {
        var t0 = new DateTimeOffset(2026, 11, 27, 8, 0, 0, TimeSpan.Zero);
        var doses = Enum.GetValues<DoseDeliveryReason>()
            .Select((r, i) => new DoseDelivery(t0.AddMinutes(5 * i), 0.05 * i, TimeSpan.FromMinutes(5), i == 0 ? 4.35 : 0, r))
            .ToArray();
        var original = new Bundle(Guid.NewGuid(), PatchId.Parse("P-9"), WearerId.Parse("W-9"), t0.AddHours(2),
            [new Observation(VitalSign.InterstitialGlucose, t0, 143)]) { Doses = doses };
        var read = BundleReader.Read(BundleWriter.Write(original), BundleText.Now);
        Assert.Equal(doses, read.Doses);
        Assert.Equal(original.Observations, read.Observations);
    }

    [Fact]
    public void Bundle_without_doses_is_written_without_a_doses_field()
    {
        var bundle = new Bundle(Guid.NewGuid(), PatchId.Parse("P-9"), WearerId.Parse("W-9"), BundleText.Now, []);
        Assert.DoesNotContain("doses", System.Text.Encoding.UTF8.GetString(BundleWriter.Write(bundle)), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("drug", "\"heparin\"", "$.doses[0].drug")]
    [InlineData("drug", "1", "$.doses[0].drug")]
    [InlineData("unit", "\"mL\"", "$.doses[0].unit")]
    [InlineData("reason", "\"ControllerDecision\"", "$.doses[0].reason")]
    [InlineData("reason", "null", "$.doses[0].reason")]
    [InlineData("bolusUnits", "-0.1", "$.doses[0].bolusUnits")]
    [InlineData("bolusUnits", "25.5", "$.doses[0].bolusUnits")]
    [InlineData("bolusUnits", "\"2\"", "$.doses[0].bolusUnits")]
    [InlineData("basalUnitsPerHour", "36", "$.doses[0].basalUnitsPerHour")]
    [InlineData("basalUnitsPerHour", "-1", "$.doses[0].basalUnitsPerHour")]
    [InlineData("basalUnitsPerHour", "1e400", "$.doses[0].basalUnitsPerHour")]
    [InlineData("durationMinutes", "0", "$.doses[0].durationMinutes")]
    [InlineData("durationMinutes", "61", "$.doses[0].durationMinutes")]
    [InlineData("time", "\"2026-11-27T11:00:00\"", "$.doses[0].time")]
    [InlineData("time", "\"2026-11-27T13:00:00Z\"", "$.doses[0].time")]
    public void Dose_with_a_bad_field_is_rejected_with_its_path(string field, string json, string where)
    {
        Assert.Equal(where, Rejected(WithDoses(DoseWith(field, json))).Where);
    }

    [Fact]
    public void Dose_with_NaN_amount_is_rejected_as_malformed_json()
    {
        Assert.StartsWith("$ (line", Rejected(WithDoses(DoseWith("bolusUnits", "NaN"))).Where, StringComparison.Ordinal);
    }

    [Fact]
    public void Dose_with_an_unknown_field_is_rejected_with_its_name()
    {
        Assert.Equal("$.doses[0].note", Rejected(WithDoses(Dose.Replace("}", ",\"note\":\"x\"}", StringComparison.Ordinal))).Where);
    }

    [Fact]
    public void Dose_with_a_repeated_field_is_rejected()
    {
        Assert.Equal("$.doses[0].drug", Rejected(WithDoses(Dose.Replace("}", ",\"drug\":\"insulin\"}", StringComparison.Ordinal))).Where);
    }

    [Theory]
    [InlineData("time")]
    [InlineData("drug")]
    [InlineData("unit")]
    [InlineData("basalUnitsPerHour")]
    [InlineData("durationMinutes")]
    [InlineData("bolusUnits")]
    [InlineData("reason")]
    public void Dose_missing_a_field_is_rejected_naming_it(string field)
    {
        string without = System.Text.RegularExpressions.Regex.Replace(Dose, $"\"{field}\":(\"[^\"]*\"|[^,}}]+),?", "").Replace(",}", "}", StringComparison.Ordinal);
        var error = Rejected(WithDoses(without));
        Assert.Equal($"$.doses[0].{field}", error.Where);
        Assert.Contains("missing", error.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Doses_out_of_time_order_are_rejected_at_the_later_one()
    {
        string earlier = Dose.Replace("11:00:00Z", "10:55:00Z", StringComparison.Ordinal);
        var error = Rejected(WithDoses(Dose, earlier));
        Assert.Equal("$.doses[1].time", error.Where);
        Assert.Contains("time order", error.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Doses_sharing_a_time_are_rejected_as_duplicated()
    {
        var error = Rejected(WithDoses(Dose, Dose));
        Assert.Equal("$.doses[1].time", error.Where);
        Assert.Contains("duplicates", error.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Dose_after_the_bundle_was_created_is_rejected()
    {
        // createdAt is 11:30; 11:40 is within the receiver's clock (12:00) but after createdAt + 5 min skew.
        Assert.Equal("$.doses[0].time", Rejected(WithDoses(Dose.Replace("11:00:00Z", "11:40:00Z", StringComparison.Ordinal))).Where);
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("1")]
    [InlineData("null")]
    public void Doses_that_are_not_an_array_are_rejected(string json)
    {
        Assert.Equal("$.doses", Rejected(BundleText.Valid(extra: $",\"doses\":{json}")).Where);
    }

    [Fact]
    public void Dose_that_is_not_an_object_is_rejected_with_its_index()
    {
        Assert.Equal("$.doses[1]", Rejected(WithDoses(Dose, "3")).Where);
    }

    [Fact]
    public void Doses_field_given_twice_is_rejected()
    {
        Assert.Equal("$.doses", Rejected(BundleText.Valid(extra: ",\"doses\":[],\"doses\":[]")).Where);
    }
}
