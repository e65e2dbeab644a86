using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Nodes;
using Care.Cardio.Detection;
using Care.Cardio.Evaluation;
using Care.Cardio.Wfdb;
using Care.Cli.Hosting;
using Care.Core.Errors;

namespace Care.Cli.Ecg;

/// <summary>
/// <c>care eval ecg --data DIR [--records …] [--whole] [--json]</c>: beat-by-beat QRS detection
/// accuracy per ANSI/AAMI EC57 (bxb rules), per record and gross.
/// </summary>
internal static class EvalEcgCommand
{
    public static Command Build()
    {
        var db = EcgPaths.DataOption("Folder of WFDB records with reference .atr files");
        var records = new Option<string?>("--records") { Description = "Comma-separated record names (default: every record in the folder)" };
        var whole = new Option<bool>("--whole") { Description = "Score from the first sample (default: skip the 5-minute learning period, as bxb does)" };
        var json = new Option<bool>("--json") { Description = "Print JSON instead of a table" };
        var signal = new Option<int>("--signal") { Description = "Signal (lead) to analyse; MIT-BIH signal 0 is MLII in most records", DefaultValueFactory = _ => 0 };
        var rate = new Option<double?>("--rate") { Description = "Resample each record to this rate (125 to 1000 Hz) before detection, to check other sampling rates" };
        var verbose = new Option<bool>("--verbose") { Description = "Also list the sample number of every missed and every extra beat" };
        var command = new Command("ecg", "Score QRS detection against reference beat annotations (EC57, 150 ms window).") { db, records, whole, json, signal, rate, verbose };
        CliAction.Set(command, async (parse, cancel) =>
        {
            var paths = EcgPaths.Records(EcgPaths.DataFolder(parse, db), parse.GetValue(records));
            if (parse.GetValue(rate) is { } hz && !(hz >= QrsDetector.MinSamplingHz && hz <= QrsDetector.MaxSamplingHz))
            {
                throw new InvalidInputException("--rate", $"{hz} Hz is outside 125 to 1000 Hz");
            }
            var scores = Score(paths, parse.GetValue(whole), parse.GetValue(signal), parse.GetValue(rate), cancel);
            var output = parse.InvocationConfiguration.Output;
            await output.WriteAsync(parse.GetValue(json) ? ToJson(scores) : ToTable(scores, parse.GetValue(whole)));
            if (parse.GetValue(verbose))
            {
                foreach (var s in scores)
                {
                    await output.WriteLineAsync($"{s.Record} missed: {string.Join(' ', s.Match.Missed)}");
                    await output.WriteLineAsync($"{s.Record} extra: {string.Join(' ', s.Match.Extra)}");
                }
            }
            return ExitCodes.Ok;
        });
        return command;
    }

    internal static IReadOnlyList<RecordScore> Score(IReadOnlyList<string> paths, bool whole, int signal, double? rate, CancellationToken cancel)
    {
        var scores = new RecordScore[paths.Count];
        EcgPaths.ForEachRecord(paths.Count, cancel, i =>
        {
            var record = WfdbRecord.Read(paths[i]);
            var reference = WfdbRecord.ReadAnnotations(paths[i]);
            var fs = record.Header.SamplingFrequencyHz;
            var samples = record.Physical(EcgPaths.CheckSignal(record, signal));
            if (rate is { } hz)
            {
                samples = Resampler.Linear(samples, fs, hz);
                reference = [.. reference.Select(a => a with { Sample = (long)Math.Round(a.Sample * hz / fs) })];
                fs = hz;
            }
            var beats = RecordDetection.Detect(new QrsDetector(fs), samples);
            var start = whole ? 0 : (long)Math.Round(BeatMatcher.DefaultLearningPeriod.TotalSeconds * fs);
            var match = BeatMatcher.Compare(reference, beats.Select(b => b.Sample).ToList(), fs, start);
            // Beats of the 2 s learning phase are decided when it ends; search-back beats are late by design.
            var learning = (long)Math.Round(2 * fs);
            var latencies = beats.Where(b => !b.FromSearchBack && b.DecidedAtSample > learning).Select(b => (b.DecidedAtSample - b.Sample) * 1000.0 / fs).ToList();
            scores[i] = new RecordScore(record.Name, match, latencies, beats.Count(b => b.FromSearchBack));
        });
        return scores;
    }

    private static (int Tp, int Fn, int Fp) Gross(IReadOnlyList<RecordScore> scores) =>
        (scores.Sum(s => s.Match.TruePositives), scores.Sum(s => s.Match.FalseNegatives), scores.Sum(s => s.Match.FalsePositives));

    internal static string ToJson(IReadOnlyList<RecordScore> scores)
    {
        var list = new JsonArray();
        foreach (var s in scores)
        {
            var m = s.Match;
            list.Add(new JsonObject
            {
                ["record"] = s.Record,
                ["beats"] = m.ReferenceBeats,
                ["tp"] = m.TruePositives,
                ["fn"] = m.FalseNegatives,
                ["fp"] = m.FalsePositives,
                ["se"] = Round(m.SensitivityPercent),
                ["ppv"] = Round(m.PositivePredictivityPercent),
            });
        }
        var (tp, fn, fp) = Gross(scores);
        var root = new JsonObject
        {
            ["records"] = list,
            ["gross"] = new JsonObject
            {
                ["tp"] = tp,
                ["fn"] = fn,
                ["fp"] = fp,
                ["se"] = Round(Percent(tp, tp + fn)),
                ["ppv"] = Round(Percent(tp, tp + fp)),
            },
        };
        return root.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + Environment.NewLine;
    }

    internal static string ToTable(IReadOnlyList<RecordScore> scores, bool whole)
    {
        var c = TableCulture.Invariant;
        var w = new StringWriter(c);
        w.WriteLine($"QRS detection, ANSI/AAMI EC57 beat-by-beat (150 ms window, {(whole ? "whole record" : "first 5 min not scored")})");
        w.WriteLine("record   beats      TP    FN    FP      Se %     +P %");
        foreach (var s in scores)
        {
            var m = s.Match;
            w.WriteLine(string.Format(c, "{0,-6} {1,7} {2,7} {3,5} {4,5}  {5,8:F2} {6,8:F2}", s.Record, m.ReferenceBeats, m.TruePositives, m.FalseNegatives, m.FalsePositives, m.SensitivityPercent, m.PositivePredictivityPercent));
        }
        var (tp, fn, fp) = Gross(scores);
        w.WriteLine(string.Format(c, "{0,-6} {1,7} {2,7} {3,5} {4,5}  {5,8:F2} {6,8:F2}", "gross", tp + fn, tp, fn, fp, Percent(tp, tp + fn), Percent(tp, tp + fp)));
        var all = scores.SelectMany(s => s.LatenciesMs).Order().ToList();
        if (all.Count > 0)
        {
            w.WriteLine(string.Format(c, "decision latency (fiducial to decision, after the 2 s learning phase): median {0:F0} ms, 99th percentile {1:F0} ms, max {2:F0} ms, over 300 ms {3:F2} %; search-back beats (later by design): {4}",
                all[all.Count / 2], all[(int)(all.Count * 0.99)], all[^1], 100.0 * all.Count(x => x > 300) / all.Count, scores.Sum(s => s.SearchBackBeats)));
        }
        return w.ToString();
    }

    private static double Percent(long a, long b) => b == 0 ? double.NaN : 100.0 * a / b;

    private static JsonNode? Round(double value) => double.IsNaN(value) ? null : JsonValue.Create(Math.Round(value, 3));
}
