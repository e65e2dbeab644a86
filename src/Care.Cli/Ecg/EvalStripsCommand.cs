using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Nodes;
using Care.Cardio.Wfdb;
using Care.Core.Events;
using Care.Core.Strips;
using Care.Cli.Hosting;
using Care.Patch.Ecg;

namespace Care.Cli.Ecg;

/// <summary>
/// <c>care eval strips --data DIR [--records …] [--json]</c>: runs the patch's ECG monitor over
/// signal 0 of each record, as a patch would (1 s blocks), and measures the event strips it cuts:
/// how many, their size once CES1-encoded (bytes per strip, bits per sample against 16-bit samples),
/// and that every one decodes back to the same samples and beats.
/// </summary>
internal static class EvalStripsCommand
{
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static Command Build()
    {
        var db = EcgPaths.DataOption("Folder of WFDB records");
        var records = new Option<string?>("--records") { Description = "Comma-separated record names (default: every record in the folder)" };
        var json = new Option<bool>("--json") { Description = "Print JSON instead of a table" };
        var command = new Command("strips", "Measure the patch's event strips (20 s of ECG with classed beats): count, CES1 bytes per strip, lossless round trip.") { db, records, json };
        CliAction.Set(command, async (parse, cancel) =>
        {
            var paths = EcgPaths.Records(EcgPaths.DataFolder(parse, db), parse.GetValue(records));
            var rows = new Row[paths.Count];
            EcgPaths.ForEachRecord(paths.Count, cancel, i => rows[i] = Measure(paths[i]));
            await parse.InvocationConfiguration.Output.WriteAsync(parse.GetValue(json) ? ToJson(rows) : ToTable(rows));
            return ExitCodes.Ok;
        });
        return command;
    }

    private sealed record Row(string Record, int Events, int Strips, long Samples, long Bytes, int MaxBytes, int Whole, int RoundTripFailures);

    private sealed class Sink : IEcgRecordSink
    {
        public int Events { get; private set; }

        public List<EcgStrip> Strips { get; } = [];

        public void OnHeartRate(DateTimeOffset minute, double beatsPerMinute)
        {
        }

        public void OnEvent(PatchEvent patchEvent) => Events++;

        public void OnStrip(PatchEvent patchEvent, string anchor, EcgStrip strip) => Strips.Add(strip);
    }

    private static Row Measure(string path)
    {
        var record = WfdbRecord.Read(path);
        var rate = (int)record.Header.SamplingFrequencyHz;
        var sink = new Sink();
        var monitor = new PatchEcgMonitor(rate, sink);
        monitor.Begin(Start);
        var signal = record.Physical(0);
        for (var at = 0; at < signal.Length; at += rate)
        {
            monitor.Process(signal.AsSpan(at, Math.Min(rate, signal.Length - at)));
        }
        monitor.End();
        long bytes = 0, samples = 0;
        int max = 0, failures = 0, whole = 0;
        foreach (var strip in sink.Strips)
        {
            var encoded = EcgStripCodec.Encode(strip);
            bytes += encoded.Length;
            max = Math.Max(max, encoded.Length);
            samples += strip.Microvolts.Count;
            whole += strip.Microvolts.Count == 20 * rate ? 1 : 0;
            failures += EcgStripCodec.Decode(encoded, record.Name).SameAs(strip) ? 0 : 1;
        }
        return new Row(record.Name, sink.Events, sink.Strips.Count, samples, bytes, max, whole, failures);
    }

    private static double Mean(long bytes, int strips) => strips == 0 ? double.NaN : bytes / (double)strips;

    private static double BitsPerSample(long bytes, long samples) => samples == 0 ? double.NaN : 8.0 * bytes / samples;

    private static string ToTable(IReadOnlyList<Row> rows)
    {
        var c = TableCulture.Invariant;
        var w = new StringWriter(c);
        w.WriteLine("Event strips (10 s before to 10 s after each event anchor, at the record's rate), CES1 lossless");
        w.WriteLine("record  events  strips  whole-20s  mean-bytes  max-bytes  bits/sample  round-trip-failures");
        foreach (var r in rows.Where(r => r.Strips > 0))
        {
            w.WriteLine(string.Format(c, "{0,-6} {1,7} {2,7} {3,10} {4,11:F0} {5,10} {6,12:F2} {7,20}", r.Record, r.Events, r.Strips, r.Whole, Mean(r.Bytes, r.Strips), r.MaxBytes, BitsPerSample(r.Bytes, r.Samples), r.RoundTripFailures));
        }
        var strips = rows.Sum(r => r.Strips);
        var bytes = rows.Sum(r => r.Bytes);
        w.WriteLine(string.Format(c, "total: {0} records, {1} events, {2} strips ({3} whole), mean {4:F0} bytes a strip (largest {5}), {6:F2} bits a sample against 16, {7} round-trip failures",
            rows.Count, rows.Sum(r => r.Events), strips, rows.Sum(r => r.Whole), Mean(bytes, strips), rows.Count == 0 ? 0 : rows.Max(r => r.MaxBytes), BitsPerSample(bytes, rows.Sum(r => r.Samples)), rows.Sum(r => r.RoundTripFailures)));
        return w.ToString();
    }

    private static string ToJson(IReadOnlyList<Row> rows)
    {
        var list = new JsonArray();
        foreach (var r in rows)
        {
            list.Add(new JsonObject
            {
                ["record"] = r.Record,
                ["events"] = r.Events,
                ["strips"] = r.Strips,
                ["wholeStrips"] = r.Whole,
                ["meanBytes"] = r.Strips == 0 ? null : Math.Round(Mean(r.Bytes, r.Strips), 1),
                ["maxBytes"] = r.MaxBytes,
                ["bitsPerSample"] = r.Samples == 0 ? null : Math.Round(BitsPerSample(r.Bytes, r.Samples), 3),
                ["roundTripFailures"] = r.RoundTripFailures,
            });
        }
        var strips = rows.Sum(r => r.Strips);
        var bytes = rows.Sum(r => r.Bytes);
        var root = new JsonObject
        {
            ["records"] = list,
            ["total"] = new JsonObject
            {
                ["events"] = rows.Sum(r => r.Events),
                ["strips"] = strips,
                ["meanBytes"] = strips == 0 ? null : Math.Round(Mean(bytes, strips), 1),
                ["maxBytes"] = rows.Count == 0 ? 0 : rows.Max(r => r.MaxBytes),
                ["bitsPerSample"] = strips == 0 ? null : Math.Round(BitsPerSample(bytes, rows.Sum(r => r.Samples)), 3),
                ["roundTripFailures"] = rows.Sum(r => r.RoundTripFailures),
            },
        };
        return root.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + Environment.NewLine;
    }
}
