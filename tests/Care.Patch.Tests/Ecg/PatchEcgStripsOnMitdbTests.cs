using Care.Cardio.Wfdb;
using Care.Core.Events;
using Care.Core.Strips;
using Care.Patch.Ecg;
using Care.Testing;

namespace Care.Patch.Tests.Ecg;

public sealed class PatchEcgStripsOnMitdbTests
{
    private static readonly DateTimeOffset Start = new(2026, 12, 1, 8, 0, 0, TimeSpan.Zero);

    private sealed class Sink : IEcgRecordSink
    {
        public List<PatchEvent> Events { get; } = [];

        public List<(PatchEvent Event, string Anchor, EcgStrip Strip)> Strips { get; } = [];

        public void OnHeartRate(DateTimeOffset minute, double beatsPerMinute)
        {
        }

        public void OnEvent(PatchEvent patchEvent) => Events.Add(patchEvent);

        public void OnStrip(PatchEvent patchEvent, string anchor, EcgStrip strip) => Strips.Add((patchEvent, anchor, strip));
    }

    [Theory]
    [InlineData("201")]
    [InlineData("221")]
    public void Every_reported_event_carries_twenty_second_strips_that_round_trip_losslessly(string name)
    {
        var path = Path.Combine(SharedData.RequireFolder("mitdb"), name);
        var record = WfdbRecord.Read(path);
        var sink = new Sink();
        var rate = (int)record.Header.SamplingFrequencyHz;
        var monitor = new PatchEcgMonitor(rate, sink);
        monitor.Begin(Start);
        var signal = record.Physical(0);
        for (var at = 0; at < signal.Length; at += rate)
        {
            monitor.Process(signal.AsSpan(at, Math.Min(rate, signal.Length - at)));
        }
        monitor.End();

        Assert.NotEmpty(sink.Events);
        Assert.Equal(sink.Strips.Count, monitor.StripsReported);
        foreach (var e in sink.Events)
        {
            var anchors = sink.Strips.Where(s => s.Event == e).Select(s => s.Anchor).ToList();
            var expected = e.Kind == PatchEventKind.AtrialFibrillation
                ? e.Detail is null ? new[] { "onset", "offset" } : ["onset"]
                : ["start"];
            Assert.Equal(expected, anchors);
        }
        foreach (var (_, _, strip) in sink.Strips)
        {
            Assert.Equal(rate, strip.SamplingHz);
            Assert.InRange(strip.Microvolts.Count, 1, 20 * rate);
            Assert.NotEmpty(strip.Beats);
            Assert.True(strip.SameAs(EcgStripCodec.Decode(EcgStripCodec.Encode(strip))));
        }
        // Most strips are whole (20 s); only those at the ends of the record are shorter.
        Assert.True(sink.Strips.Count(s => s.Strip.Microvolts.Count == 20 * rate) >= sink.Strips.Count - 2);
    }
}
