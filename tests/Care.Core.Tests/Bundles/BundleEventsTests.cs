using Care.Core.Bundles;
using Care.Core.Errors;
using Care.Core.Events;
using Care.Core.Ids;
using Care.Core.Observations;

namespace Care.Core.Tests.Bundles;

public sealed class BundleEventsTests
{
    private const string Af = """{"kind":"atrial-fibrillation","start":"2026-11-27T10:00:00Z","end":"2026-11-27T10:20:00Z","detail":"irregular RR, no P wave"}""";
    private const string Pause = """{"kind":"pause","start":"2026-11-27T10:05:00Z","value":3.2}""";

    private static string WithEvents(params string[] events) => BundleText.Valid(extra: $",\"events\":[{string.Join(",", events)}]");

    private static Bundle Read(string json) => BundleReader.Read(BundleText.Bytes(json), BundleText.Now);

    private static InputError Rejected(string json)
    {
        var e = Assert.Throws<InvalidInputException>(() => Read(json));
        return Assert.Single(e.Errors);
    }

    [Fact]
    public void Bundle_without_events_has_none()
    {
        Assert.Empty(Read(BundleText.Valid()).Events);
    }

    [Fact]
    public void Interval_and_point_events_are_read_with_their_fields()
    {
        var events = Read(WithEvents(Af, Pause)).Events;
        Assert.Equal(2, events.Count);
        var t = new DateTimeOffset(2026, 11, 27, 10, 0, 0, TimeSpan.Zero);
        Assert.Equal(new PatchEvent(PatchEventKind.AtrialFibrillation, t, t.AddMinutes(20), null, "irregular RR, no P wave"), events[0]);
        Assert.Equal(new PatchEvent(PatchEventKind.Pause, t.AddMinutes(5), null, 3.2, null), events[1]);
    }

    [Fact]
    public void Writer_output_with_events_reads_back_to_the_same_events()
    {
        var t0 = new DateTimeOffset(2026, 11, 27, 8, 0, 0, TimeSpan.Zero);
        PatchEvent[] events =
        [
            new(PatchEventKind.AtrialFibrillation, t0, t0.AddMinutes(12), null, "AF"),
            new(PatchEventKind.VentricularRun, t0, t0.AddSeconds(2), 4, null),
            new(PatchEventKind.Pause, t0.AddMinutes(30), null, 2.6, null),
        ];
        var original = new Bundle(Guid.NewGuid(), PatchId.Parse("P-9"), WearerId.Parse("W-9"), t0.AddHours(2),
            [new Observation(VitalSign.HeartRate, t0, 71)]) { Events = events };
        var read = BundleReader.Read(BundleWriter.Write(original), BundleText.Now);
        Assert.Equal(events, read.Events);
    }

    [Fact]
    public void Bundle_without_events_is_written_without_an_events_field()
    {
        var bundle = new Bundle(Guid.NewGuid(), PatchId.Parse("P-9"), WearerId.Parse("W-9"), BundleText.Now, []);
        Assert.DoesNotContain("events", System.Text.Encoding.UTF8.GetString(BundleWriter.Write(bundle)), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"kind":"flutter","start":"2026-11-27T10:00:00Z"}""", "$.events[0].kind")]
    [InlineData("""{"kind":1,"start":"2026-11-27T10:00:00Z"}""", "$.events[0].kind")]
    [InlineData("""{"kind":"pause"}""", "$.events[0].start")]
    [InlineData("""{"start":"2026-11-27T10:00:00Z"}""", "$.events[0].kind")]
    [InlineData("""{"kind":"pause","start":"2026-11-27T10:00:00"}""", "$.events[0].start")]
    [InlineData("""{"kind":"pause","start":"2026-11-27T10:00:00Z","value":"3"}""", "$.events[0].value")]
    [InlineData("""{"kind":"pause","start":"2026-11-27T10:00:00Z","value":-1}""", "$.events[0].value")]
    [InlineData("""{"kind":"pause","start":"2026-11-27T10:00:00Z","value":1e400}""", "$.events[0].value")]
    [InlineData("""{"kind":"pause","start":"2026-11-27T10:00:00Z","detail":5}""", "$.events[0].detail")]
    [InlineData("""{"kind":"pause","start":"2026-11-27T10:00:00Z","colour":"red"}""", "$.events[0].colour")]
    [InlineData("""{"kind":"pause","start":"2026-11-27T10:00:00Z","start":"2026-11-27T10:00:01Z"}""", "$.events[0].start")]
    [InlineData("""{"kind":"atrial-fibrillation","start":"2026-11-27T10:00:00Z","end":"2026-11-27T09:59:59Z"}""", "$.events[0].end")]
    [InlineData("""{"kind":"atrial-fibrillation","start":"2026-11-27T11:00:00Z","end":"2026-11-27T11:50:00Z"}""", "$.events[0].end")]
    [InlineData("""{"kind":"pause","start":"2026-11-27T11:45:00Z"}""", "$.events[0].start")]
    [InlineData("3", "$.events[0]")]
    public void Event_with_a_bad_field_is_rejected_with_its_path(string json, string where)
    {
        Assert.Equal(where, Rejected(WithEvents(json)).Where);
    }

    [Fact]
    public void Events_that_are_not_an_array_are_rejected()
    {
        Assert.Equal("$.events", Rejected(BundleText.Valid(extra: ",\"events\":{}")).Where);
    }

    [Fact]
    public void Detail_longer_than_the_limit_is_rejected()
    {
        string detail = new('x', PatchEvent.MaxDetailLength + 1);
        Assert.Equal("$.events[0].detail", Rejected(WithEvents($$"""{"kind":"pause","start":"2026-11-27T10:00:00Z","detail":"{{detail}}"}""")).Where);
    }

    [Fact]
    public void Events_out_of_start_order_are_rejected_at_the_later_one()
    {
        Assert.Equal("$.events[1].start", Rejected(WithEvents(Pause, Af)).Where);
    }

    [Fact]
    public void Event_repeating_a_kind_and_start_is_rejected_but_another_kind_at_that_start_is_not()
    {
        Assert.Equal("$.events[1]", Rejected(WithEvents(Pause, Pause)).Where);
        const string Run = """{"kind":"ventricular-run","start":"2026-11-27T10:05:00Z","end":"2026-11-27T10:05:02Z","value":3}""";
        Assert.Equal(2, Read(WithEvents(Pause, Run)).Events.Count);
    }
}
