using Care.Core.Bundles;
using Care.Core.Errors;
using Care.Core.Ids;
using Care.Core.Observations;

namespace Care.Core.Tests.Bundles;

public sealed class BundleReaderTests
{
    private static Bundle Read(string json, BundleLimits? limits = null) => BundleReader.Read(BundleText.Bytes(json), BundleText.Now, limits);

    private static InputError Rejected(string json, BundleLimits? limits = null)
    {
        var e = Assert.Throws<InvalidInputException>(() => Read(json, limits));
        Assert.NotEmpty(e.Errors);
        return e.Errors[0];
    }

    [Fact]
    public void Valid_bundle_is_read_whole()
    {
        var bundle = Read(BundleText.Valid());
        Assert.Equal(Guid.Parse("3f2504e0-4f89-11d3-9a0c-0305e82c3301"), bundle.BundleId);
        Assert.Equal("W-1", bundle.WearerId.Value);
        Assert.Equal("P-1", bundle.PatchId.Value);
        var o = Assert.Single(bundle.Observations);
        Assert.Equal(new Observation(VitalSign.HeartRate, new DateTimeOffset(2026, 11, 27, 11, 0, 0, TimeSpan.Zero), 72), o);
    }

    [Fact]
    public void Writer_output_reads_back_to_the_same_bundle()
    {
        var t0 = new DateTimeOffset(2026, 11, 27, 8, 0, 0, TimeSpan.Zero);
        var original = new Bundle(Guid.NewGuid(), PatchId.Parse("P-9"), WearerId.Parse("W-9"), t0.AddHours(2),
            [.. ObservationCatalog.All.Select((t, i) => new Observation(t.Sign, t0.AddMinutes(i), (t.Minimum + t.Maximum) / 2 + 0.25))]);
        var read = BundleReader.Read(BundleWriter.Write(original), BundleText.Now);
        Assert.Equal(original.BundleId, read.BundleId);
        Assert.Equal(original.CreatedAt, read.CreatedAt);
        Assert.Equal(original.Observations, read.Observations);
    }

    [Theory]
    [InlineData("{\"version\":1,", "$ (line")]
    [InlineData("[1,2]", "$")]
    [InlineData("{\"version\":1} trailing", "$ (line")]
    [InlineData("{\"version\":NaN}", "$ (line")]
    public void Malformed_json_is_rejected_with_its_position(string json, string where)
    {
        var error = Rejected(json);
        Assert.StartsWith(where, error.Where, StringComparison.Ordinal);
    }

    [Fact]
    public void Empty_body_is_rejected() => Assert.Equal("$", Rejected("").Where);

    [Fact]
    public void Unknown_version_is_rejected_alone_with_its_field_named()
    {
        var e = Assert.Throws<InvalidInputException>(() => Read(BundleText.Valid(version: "2", extra: ",\"junk\":1")));
        var error = Assert.Single(e.Errors);
        Assert.Equal("$.version", error.Where);
        Assert.Contains("unsupported bundle version 2", error.Problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("\"1\"", "$.version", "must be an integer")]
    public void Wrong_typed_version_is_named(string version, string where, string problem)
    {
        var error = Rejected(BundleText.Valid(version: version));
        Assert.Equal(where, error.Where);
        Assert.Contains(problem, error.Problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("version")]
    [InlineData("bundleId")]
    [InlineData("patchId")]
    [InlineData("wearerId")]
    [InlineData("createdAt")]
    [InlineData("observations")]
    public void Missing_top_level_field_is_named(string field)
    {
        var doc = System.Text.Json.Nodes.JsonNode.Parse(BundleText.Valid())!.AsObject();
        doc.Remove(field);
        var e = Assert.Throws<InvalidInputException>(() => Read(doc.ToJsonString()));
        Assert.Contains(e.Errors, x => x.Where == "$." + field && x.Problem.Contains("missing", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("code", "$.observations[0].code")]
    [InlineData("unit", "$.observations[0].unit")]
    [InlineData("time", "$.observations[0].time")]
    [InlineData("value", "$.observations[0].value")]
    public void Missing_observation_field_is_named(string field, string where)
    {
        var o = System.Text.Json.Nodes.JsonNode.Parse(BundleText.Observation)!.AsObject();
        o.Remove(field);
        var error = Rejected(BundleText.Valid(o.ToJsonString()));
        Assert.Equal(where, error.Where);
    }

    [Theory]
    [InlineData("""{"code":8867,"unit":"/min","time":"2026-11-27T11:00:00Z","value":72}""", "$.observations[0].code", "must be a string")]
    [InlineData("""{"code":"8867-4","unit":"/min","time":"2026-11-27T11:00:00Z","value":"72"}""", "$.observations[0].value", "must be a number")]
    [InlineData("""{"code":"8867-4","unit":"/min","time":"2026-11-27T11:00:00Z","value":"NaN"}""", "$.observations[0].value", "must be a number")]
    [InlineData("""{"code":"8867-4","unit":"/min","time":1764241200,"value":72}""", "$.observations[0].time", "must be a string")]
    [InlineData("""{"code":"8867-4","unit":"/min","time":"yesterday","value":72}""", "$.observations[0].time", "ISO 8601")]
    [InlineData("""{"code":"8867-4","unit":"/min","time":"2026-11-27T11:00:00","value":72}""", "$.observations[0].time", "UTC offset")]
    [InlineData("""{"code":"1234-5","unit":"/min","time":"2026-11-27T11:00:00Z","value":72}""", "$.observations[0].code", "unknown LOINC code")]
    [InlineData("""{"code":"8867-4","unit":"bpm","time":"2026-11-27T11:00:00Z","value":72}""", "$.observations[0].unit", "does not match code 8867-4")]
    [InlineData("""{"code":"8867-4","unit":"/min","time":"2026-11-27T11:00:00Z","value":720}""", "$.observations[0].value", "outside the physiological range")]
    [InlineData("""{"code":"8310-5","unit":"Cel","time":"2026-11-27T11:00:00Z","value":-4}""", "$.observations[0].value", "outside the physiological range")]
    [InlineData("""{"code":"8867-4","unit":"/min","time":"2026-11-27T11:00:00Z","value":1e400}""", "$.observations[0].value", "out of range")]
    [InlineData("""{"code":"8867-4","unit":"/min","time":"2027-01-01T00:00:00Z","value":72}""", "$.observations[0].time", "in the future")]
    [InlineData("""{"code":"8867-4","unit":"/min","time":"1970-01-01T00:00:00Z","value":72}""", "$.observations[0].time", "before 2000")]
    [InlineData("""{"code":"8867-4","unit":"/min","time":"2026-11-27T11:00:00Z","value":72,"note":"x"}""", "$.observations[0].note", "unknown field")]
    [InlineData("""{"code":"8867-4","code":"8867-4","unit":"/min","time":"2026-11-27T11:00:00Z","value":72}""", "$.observations[0].code", "more than once")]
    [InlineData("42", "$.observations[0]", "must be an object")]
    public void Bad_observation_is_rejected_with_its_json_path(string observation, string where, string problem)
    {
        var error = Rejected(BundleText.Valid(observation));
        Assert.Equal(where, error.Where);
        Assert.Contains(problem, error.Problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("\"bundleId\":\"3f2504e0-4f89-11d3-9a0c-0305e82c3301\"", "\"bundleId\":\"not-a-uuid\"", "$.bundleId")]
    [InlineData("\"wearerId\":\"W-1\"", "\"wearerId\":\"has space\"", "$.wearerId")]
    [InlineData("\"patchId\":\"P-1\"", "\"patchId\":7", "$.patchId")]
    [InlineData("\"createdAt\":\"2026-11-27T11:30:00Z\"", "\"createdAt\":\"2030-01-01T00:00:00Z\"", "$.createdAt")]
    [InlineData("\"observations\":[", "\"extra\":1,\"observations\":[", "$.extra")]
    public void Bad_header_field_is_named(string from, string to, string where)
    {
        var error = Rejected(BundleText.Valid().Replace(from, to, StringComparison.Ordinal));
        Assert.Equal(where, error.Where);
    }

    [Fact]
    public void Observations_out_of_time_order_are_rejected_at_the_later_index()
    {
        const string first = """{"code":"8867-4","unit":"/min","time":"2026-11-27T11:01:00Z","value":72}""";
        const string second = """{"code":"8867-4","unit":"/min","time":"2026-11-27T11:00:00Z","value":73}""";
        var error = Rejected(BundleText.Valid(first + "," + second));
        Assert.Equal("$.observations[1].time", error.Where);
        Assert.Contains("time order", error.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Duplicated_observation_is_rejected_but_different_signs_at_one_time_are_fine()
    {
        const string hr = """{"code":"8867-4","unit":"/min","time":"2026-11-27T11:00:00Z","value":72}""";
        const string spo2 = """{"code":"59408-5","unit":"%","time":"2026-11-27T11:00:00Z","value":97}""";
        Assert.Equal(2, Read(BundleText.Valid(hr + "," + spo2)).Observations.Count);
        var error = Rejected(BundleText.Valid(hr + "," + spo2 + "," + hr));
        Assert.Equal("$.observations[2]", error.Where);
        Assert.Contains("duplicates", error.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Observation_after_created_at_is_rejected()
    {
        var error = Rejected(BundleText.Valid().Replace("\"createdAt\":\"2026-11-27T11:30:00Z\"", "\"createdAt\":\"2026-11-27T10:00:00Z\"", StringComparison.Ordinal));
        Assert.Equal("$.observations[0].time", error.Where);
    }

    [Fact]
    public void Oversized_bundle_is_rejected_before_parsing()
    {
        var limits = new BundleLimits { MaxBytes = 100 };
        var error = Rejected(BundleText.Valid(), limits);
        Assert.Equal("$", error.Where);
        Assert.Contains("limit is 100 bytes", error.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Too_many_observations_are_rejected()
    {
        var limits = new BundleLimits { MaxObservations = 1 };
        const string second = """{"code":"8867-4","unit":"/min","time":"2026-11-27T11:01:00Z","value":72}""";
        var error = Rejected(BundleText.Valid(BundleText.Observation + "," + second), limits);
        Assert.Equal("$.observations", error.Where);
    }

    [Fact]
    public void Many_errors_are_collected_up_to_the_limit()
    {
        var bad = string.Join(",", Enumerable.Range(0, 50).Select(i => $$"""{"code":"8867-4","unit":"/min","time":"2026-11-27T11:{{i % 60:D2}}:00Z","value":999}"""));
        var e = Assert.Throws<InvalidInputException>(() => Read(BundleText.Valid(bad)));
        Assert.Equal(BundleLimits.Default.MaxErrors, e.Errors.Count);
    }

    [Fact]
    public void Random_corruptions_never_crash_the_reader()
    {
        var valid = BundleText.Bytes(BundleText.Valid());
        var random = new Random(1234);
        for (int i = 0; i < 2000; i++)
        {
            var bytes = (byte[])valid.Clone();
            int edits = random.Next(1, 4);
            for (int k = 0; k < edits; k++)
            {
                bytes[random.Next(bytes.Length)] = (byte)random.Next(256);
            }
            int length = random.Next(2) == 0 ? bytes.Length : random.Next(bytes.Length);
            try
            {
                var bundle = BundleReader.Read(bytes.AsSpan(0, length), BundleText.Now);
                // Anything accepted must still satisfy every invariant.
                Assert.All(bundle.Observations, o => Assert.True(ObservationCatalog.Get(o.Sign).IsPlausible(o.Value)));
            }
            catch (InvalidInputException e)
            {
                Assert.All(e.Errors, x => Assert.False(string.IsNullOrWhiteSpace(x.Where)));
            }
        }
    }
}
