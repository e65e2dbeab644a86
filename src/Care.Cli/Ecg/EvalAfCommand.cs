using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Nodes;
using Care.Cardio.Evaluation;
using Care.Cardio.Rhythm;
using Care.Cli.Hosting;

namespace Care.Cli.Ecg;

/// <summary>
/// <c>care eval af --data DIR [--records …] [--loo] [--json]</c>: atrial-fibrillation detection as the
/// streaming pipeline runs it (QRS detection, beat classes and atrial activity on signal 0, then the
/// shipped <see cref="AfDetector"/>, replayed on the recorded beats exactly as the pipeline feeds it), scored against the <c>(AFIB</c> rhythm annotations:
/// per record and in total, duration Se/+P, AF burden and its error, EC57 episode Se/+P for episodes
/// of at least 30 s, false AF minutes on records without AF. With <c>--loo</c>, every candidate
/// method is scored leave-one-record-out (each record under the setting chosen on the others).
/// </summary>
internal static class EvalAfCommand
{
    public static Command Build()
    {
        var db = EcgPaths.DataOption("Folder of WFDB records with reference .atr files");
        var records = new Option<string?>("--records") { Description = "Comma-separated record names (default: every record in the folder)" };
        var loo = new Option<bool>("--loo") { Description = "Score every candidate detector leave-one-record-out (settings chosen on the other records)" };
        var objective = new Option<AfObjective>("--objective") { Description = "How --loo chooses a setting on the other records: MostSensitiveWithinFalseAfLimit (best duration Se with at most 1 false AF minute on every record without AF; default), FewestErrorMinutes (missed + false AF time) or BestMinDuration (min of duration Se, +P)", DefaultValueFactory = _ => AfObjective.MostSensitiveWithinFalseAfLimit };
        var traceDir = new Option<string?>("--trace-out") { Description = "Also write each record's detected beats (sample, RR s, atrial correlation, class) as DIR/<record>.af.csv, for offline analysis" };
        var json = new Option<bool>("--json") { Description = "Print JSON instead of a table" };
        var command = new Command("af", "Score atrial-fibrillation detection against reference rhythm annotations (duration, burden, EC57 episodes; --loo for every candidate held out).") { db, records, loo, objective, traceDir, json };
        CliAction.Set(command, async (parse, cancel) =>
        {
            var paths = EcgPaths.Records(EcgPaths.DataFolder(parse, db), parse.GetValue(records));
            var traces = Traces(paths, cancel);
            if (parse.GetValue(traceDir) is { } dir)
            {
                WriteTraces(dir, traces);
            }
            var output = parse.InvocationConfiguration.Output;
            var asJson = parse.GetValue(json);
            if (parse.GetValue(loo))
            {
                if (traces.Count < 2)
                {
                    throw new Care.Core.Errors.InvalidInputException("--records", "leave-one-record-out needs two records at least");
                }
                var results = AfCandidate.All.Select(c => AfLeaveOneOut.Run(c, traces, parse.GetValue(objective), cancel)).ToList();
                await output.WriteAsync(asJson ? LooJson(results) : LooTable(results));
                return ExitCodes.Ok;
            }
            var scores = traces.Select(t => AfScore.Compare(t.Record, t.SamplingHz, t.Length, t.Reference, t.Replay(new AfDetector()))).ToList();
            await output.WriteAsync(asJson ? ToJson(scores).ToJsonString(Indented) + Environment.NewLine : ToTable(scores, "shipped detector (AfDetector, the window rules; the candidate with the best held-out worst case, see --loo)"));
            return ExitCodes.Ok;
        });
        return command;
    }

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    internal static IReadOnlyList<AfRecordTrace> Traces(IReadOnlyList<string> paths, CancellationToken cancel)
    {
        var traces = new AfRecordTrace[paths.Count];
        EcgPaths.ForEachRecord(paths.Count, cancel, i => traces[i] = AfRecordTrace.Of(paths[i]));
        return traces;
    }

    private static void WriteTraces(string dir, IReadOnlyList<AfRecordTrace> traces)
    {
        if (!Directory.Exists(dir))
        {
            throw new Care.Core.Errors.InvalidInputException("--trace-out", $"folder '{dir}' does not exist");
        }
        var c = TableCulture.Invariant;
        foreach (var t in traces)
        {
            using var w = new StreamWriter(Path.Combine(dir, t.Record + ".af.csv"));
            w.WriteLine("sample,rr_s,atrial,class");
            foreach (var b in t.Beats)
            {
                w.WriteLine(string.Format(c, "{0},{1:R},{2:R},{3}", b.Sample, b.RrSeconds, b.AtrialCorrelation, b.Class));
            }
        }
    }

    internal static JsonObject ToJson(IReadOnlyList<AfScore> scores)
    {
        var list = new JsonArray();
        foreach (var s in scores)
        {
            list.Add(new JsonObject
            {
                ["record"] = s.Record,
                ["referenceEpisodes"] = s.ReferenceEpisodes,
                ["detectedEpisodes"] = s.DetectedEpisodes,
                ["referenceEpisodes30s"] = s.ReferenceLongEpisodes,
                ["referenceEpisodes30sFound"] = s.ReferenceLongEpisodesFound,
                ["detectedEpisodes30s"] = s.DetectedLongEpisodes,
                ["detectedEpisodes30sTrue"] = s.DetectedLongEpisodesTrue,
                ["referenceMinutes"] = Round(s.ReferenceSamples / s.SamplingHz / 60),
                ["detectedMinutes"] = Round(s.DetectedSamples / s.SamplingHz / 60),
                ["falseAfMinutes"] = Round(s.FalseAfMinutes),
                ["referenceBurdenPercent"] = Round(s.ReferenceBurdenPercent),
                ["detectedBurdenPercent"] = Round(s.DetectedBurdenPercent),
                ["burdenErrorPoints"] = Round(s.BurdenErrorPoints),
                ["durationSe"] = Round(AfTotals.Percent(s.OverlapSamples, s.ReferenceSamples)),
                ["durationPpv"] = Round(AfTotals.Percent(s.OverlapSamples, s.DetectedSamples)),
            });
        }
        var t = AfTotals.Of(scores);
        return new JsonObject
        {
            ["records"] = list,
            ["gross"] = new JsonObject
            {
                ["episode30sSe"] = Round(t.LongEpisodeSe),
                ["episode30sPpv"] = Round(t.LongEpisodePpv),
                ["durationSe"] = Round(t.DurationSe),
                ["durationPpv"] = Round(t.DurationPpv),
                ["maxBurdenErrorPoints"] = Round(t.MaxBurdenErrorPoints),
                ["worstBurdenRecord"] = t.WorstBurdenRecord,
                ["falseAfMinutesOnNonAfRecords"] = Round(t.FalseAfMinutesOnNonAfRecords),
                ["maxFalseAfMinutesOnANonAfRecord"] = Round(t.MaxFalseAfMinutesOnANonAfRecord),
                ["nonAfRecordsWithFalseAf"] = t.NonAfRecordsWithFalseAf,
            },
        };
    }

    internal static string ToTable(IReadOnlyList<AfScore> scores, string title)
    {
        var c = TableCulture.Invariant;
        var w = new StringWriter(c);
        w.WriteLine("Atrial fibrillation, " + title);
        w.WriteLine("reference: (AFIB rhythm annotations; episodes per ANSI/AAMI EC57 (>= 30 s), duration by exact overlap; burden = % of record time in AF");
        w.WriteLine("record  ep30 found  det30  true  ref-min  det-min  false-min  ref-burden  det-burden  error-pp  dur-Se  dur-+P");
        w.WriteLine("(- : not defined, e.g. Se and +P of a record with no AF in the reference and none detected)");
        foreach (var s in scores)
        {
            w.WriteLine(string.Format(c, "{0,-6} {1,5} {2,6} {3,6} {4,5} {5,8:F1} {6,8:F1} {7,10:F2} {8,10:F1}% {9,10:F1}% {10,9:+0.0;-0.0;0.0} {11,7:F1} {12,7:F1}",
                s.Record, s.ReferenceLongEpisodes, s.ReferenceLongEpisodesFound, s.DetectedLongEpisodes, s.DetectedLongEpisodesTrue,
                s.ReferenceSamples / s.SamplingHz / 60, s.DetectedSamples / s.SamplingHz / 60, s.FalseAfMinutes,
                s.ReferenceBurdenPercent, s.DetectedBurdenPercent, s.BurdenErrorPoints,
                AfTotals.Percent(s.OverlapSamples, s.ReferenceSamples), AfTotals.Percent(s.OverlapSamples, s.DetectedSamples)));
        }
        WriteTotals(w, AfTotals.Of(scores));
        return w.ToString();
    }

    private static void WriteTotals(StringWriter w, AfTotals t)
    {
        var c = TableCulture.Invariant;
        w.WriteLine(string.Format(c, "gross: duration Se {0:F1} %, +P {1:F1} %; episodes >= 30 s Se {2:F1} %, +P {3:F1} %; largest burden error {4:F1} points ({5})",
            t.DurationSe, t.DurationPpv, t.LongEpisodeSe, t.LongEpisodePpv, t.MaxBurdenErrorPoints, t.WorstBurdenRecord));
        w.WriteLine(string.Format(c, "records without AF: {0} with false AF, {1:F2} false AF minutes in all, at most {2:F2} on one record",
            t.NonAfRecordsWithFalseAf, t.FalseAfMinutesOnNonAfRecords, t.MaxFalseAfMinutesOnANonAfRecord));
    }

    /// <summary>Candidates ranked by their held-out burden errors, worst first, compared element by element.</summary>
    internal static IReadOnlyList<AfLeaveOneOutResult> Ranked(IReadOnlyList<AfLeaveOneOutResult> results) =>
        [.. results.OrderBy(r => r, Comparer<AfLeaveOneOutResult>.Create((a, b) =>
        {
            var x = a.WorstFirstBurdenErrors;
            var y = b.WorstFirstBurdenErrors;
            for (var i = 0; i < Math.Min(x.Count, y.Count); i++)
            {
                var d = x[i].CompareTo(y[i]);
                if (d != 0)
                {
                    return d;
                }
            }
            return 0;
        }))];

    private static string LooJson(IReadOnlyList<AfLeaveOneOutResult> results)
    {
        var list = new JsonArray();
        foreach (var r in Ranked(results))
        {
            var heldOut = ToJson(r.HeldOut);
            list.Add(new JsonObject
            {
                ["candidate"] = r.Candidate.Name,
                ["objective"] = r.Objective.ToString(),
                ["description"] = r.Candidate.Description,
                ["settingChosenOnAllRecords"] = r.ChosenOnAll,
                ["settingsChosenByFolds"] = new JsonObject(r.ChosenPerFold.GroupBy(s => s).OrderByDescending(g => g.Count()).Select(g => KeyValuePair.Create(g.Key, (JsonNode?)g.Count()))),
                ["heldOut"] = heldOut,
                ["inSampleGross"] = ToJson(r.InSample)["gross"]!.DeepClone(),
            });
        }
        return new JsonObject { ["rankedByWorstCase"] = list }.ToJsonString(Indented) + Environment.NewLine;
    }

    private static string LooTable(IReadOnlyList<AfLeaveOneOutResult> results)
    {
        var c = TableCulture.Invariant;
        var w = new StringWriter(c);
        var ranked = Ranked(results);
        w.WriteLine($"AF candidates, leave-one-record-out (each record scored under the setting chosen on the others, objective {ranked[0].Objective}),");
        w.WriteLine("ranked by held-out per-record burden errors, worst first");
        w.WriteLine("candidate               dur-Se  dur-+P  ep30-Se  ep30-+P  worst-burden-err  3-worst-errors     false-min(non-AF)  chosen on all records");
        foreach (var r in ranked)
        {
            var t = r.Totals;
            w.WriteLine(string.Format(c, "{0,-22} {1,7:F1} {2,7:F1} {3,8:F1} {4,8:F1} {5,10:F1} ({6,-4}) {7,-18} {8,8:F2} (max {9:F2})  {10}",
                r.Candidate.Name, t.DurationSe, t.DurationPpv, t.LongEpisodeSe, t.LongEpisodePpv, t.MaxBurdenErrorPoints, t.WorstBurdenRecord,
                string.Join('/', r.WorstFirstBurdenErrors.Take(3).Select(e => e.ToString("F1", c))), t.FalseAfMinutesOnNonAfRecords, t.MaxFalseAfMinutesOnANonAfRecord, r.ChosenOnAll));
        }
        foreach (var r in ranked)
        {
            w.WriteLine();
            w.WriteLine(ToTable(r.HeldOut, $"candidate {r.Candidate.Name}, held out: {r.Candidate.Description}").TrimEnd());
            w.WriteLine($"settings chosen by the {r.HeldOut.Count} folds: " + string.Join(", ", r.ChosenPerFold.GroupBy(s => s).OrderByDescending(g => g.Count()).Select(g => $"{g.Key} x{g.Count()}")));
        }
        return w.ToString();
    }

    private static JsonNode? Round(double value) => double.IsNaN(value) ? null : JsonValue.Create(Math.Round(value, 3));
}
