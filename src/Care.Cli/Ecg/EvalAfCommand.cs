using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Care.Cardio.Evaluation;
using Care.Cardio.Pipeline;
using Care.Cardio.Wfdb;
using Care.Cli.Hosting;

namespace Care.Cli.Ecg;

/// <summary>
/// <c>care eval af --db DIR [--records …] [--json]</c>: atrial-fibrillation detection by the
/// streaming pipeline, scored against the <c>(AFIB</c> rhythm annotations (EC57 episode and
/// duration sensitivity and positive predictivity), with false AF minutes on records without AF.
/// </summary>
internal static class EvalAfCommand
{
    public static Command Build()
    {
        var db = new Option<string>("--db") { Description = "Folder of WFDB records with reference .atr files (e.g. ../shared/data/mitdb)", Required = true };
        var records = new Option<string?>("--records") { Description = "Comma-separated record names (default: every record in the folder)" };
        var json = new Option<bool>("--json") { Description = "Print JSON instead of a table" };
        var command = new Command("af", "Score atrial-fibrillation detection against reference rhythm annotations (EC57 episodes and duration).") { db, records, json };
        CliAction.Set(command, async (parse, cancel) =>
        {
            var paths = EcgPaths.Records(parse.GetRequiredValue(db), parse.GetValue(records));
            var scores = Score(paths, cancel);
            await parse.InvocationConfiguration.Output.WriteAsync(parse.GetValue(json) ? ToJson(scores) : ToTable(scores));
            return ExitCodes.Ok;
        });
        return command;
    }

    internal static IReadOnlyList<AfScore> Score(IReadOnlyList<string> paths, CancellationToken cancel)
    {
        var scores = new AfScore[paths.Count];
        EcgPaths.ForEachRecord(paths.Count, cancel, i =>
        {
            var record = WfdbRecord.Read(paths[i]);
            var reference = AfScore.ReferenceEpisodesOf(WfdbRecord.ReadAnnotations(paths[i]), record.Length);
            var pipeline = new EcgPipeline(record.Header.SamplingFrequencyHz);
            var listener = new EpisodeCollector();
            pipeline.Process(record.Physical(0), listener);
            scores[i] = AfScore.Compare(record.Name, record.Header.SamplingFrequencyHz, reference, listener.Episodes(record.Length));
        });
        return scores;
    }

    private sealed class EpisodeCollector : IEcgListener
    {
        private readonly List<(long Start, long End)> _episodes = [];
        private long? _open;

        public void OnBeat(in BeatEvent beat)
        {
        }

        public void OnHrv(in HrvEvent window)
        {
        }

        public void OnBeatClass(in BeatClassEvent beat)
        {
        }

        public void OnRhythm(in RhythmEvent change)
        {
            if (change.Rhythm == RhythmKind.AtrialFibrillation)
            {
                _open ??= change.StartSample;
            }
            else if (_open is { } start)
            {
                if (change.StartSample > start)
                {
                    _episodes.Add((start, change.StartSample));
                }
                _open = null;
            }
        }

        public IReadOnlyList<(long Start, long End)> Episodes(long length) =>
            _open is { } start ? [.. _episodes, (start, length)] : _episodes;
    }

    private static (double EpSe, double EpPp, double DurSe, double DurPp) Rates(IEnumerable<AfScore> scores)
    {
        var list = scores.ToList();
        return (
            Percent(list.Sum(s => s.ReferenceEpisodesFound), list.Sum(s => s.ReferenceEpisodes)),
            Percent(list.Sum(s => s.DetectedEpisodesTrue), list.Sum(s => s.DetectedEpisodes)),
            Percent(list.Sum(s => s.OverlapSamples), list.Sum(s => s.ReferenceSamples)),
            Percent(list.Sum(s => s.OverlapSamples), list.Sum(s => s.DetectedSamples)));
    }

    internal static string ToJson(IReadOnlyList<AfScore> scores)
    {
        var list = new JsonArray();
        foreach (var s in scores)
        {
            var (epSe, epPp, durSe, durPp) = Rates([s]);
            list.Add(new JsonObject
            {
                ["record"] = s.Record,
                ["referenceEpisodes"] = s.ReferenceEpisodes,
                ["detectedEpisodes"] = s.DetectedEpisodes,
                ["referenceMinutes"] = Round(s.ReferenceSamples / s.SamplingHz / 60),
                ["detectedMinutes"] = Round(s.DetectedSamples / s.SamplingHz / 60),
                ["falseAfMinutes"] = Round(s.FalseAfMinutes),
                ["episodeSe"] = Round(epSe),
                ["episodePpv"] = Round(epPp),
                ["durationSe"] = Round(durSe),
                ["durationPpv"] = Round(durPp),
            });
        }
        var (gEpSe, gEpPp, gDurSe, gDurPp) = Rates(scores);
        var root = new JsonObject
        {
            ["records"] = list,
            ["gross"] = new JsonObject
            {
                ["episodeSe"] = Round(gEpSe),
                ["episodePpv"] = Round(gEpPp),
                ["durationSe"] = Round(gDurSe),
                ["durationPpv"] = Round(gDurPp),
                ["falseAfMinutesOnNonAfRecords"] = Round(scores.Where(s => s.ReferenceEpisodes == 0).Sum(s => s.FalseAfMinutes)),
                ["nonAfRecordsWithFalseAf"] = scores.Count(s => s.ReferenceEpisodes == 0 && s.DetectedEpisodes > 0),
            },
        };
        return root.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + Environment.NewLine;
    }

    internal static string ToTable(IReadOnlyList<AfScore> scores)
    {
        var c = CultureInfo.InvariantCulture;
        var w = new StringWriter(c);
        w.WriteLine("Atrial fibrillation, ANSI/AAMI EC57 episode and duration statistics (reference: (AFIB rhythm annotations, whole record)");
        w.WriteLine("record  ref-ep  det-ep  ref-min  det-min  false-min   ep-Se   ep-+P  dur-Se  dur-+P");
        foreach (var s in scores)
        {
            var (epSe, epPp, durSe, durPp) = Rates([s]);
            w.WriteLine(string.Format(c, "{0,-6} {1,7} {2,7} {3,8:F1} {4,8:F1} {5,10:F2} {6,7:F1} {7,7:F1} {8,7:F1} {9,7:F1}",
                s.Record, s.ReferenceEpisodes, s.DetectedEpisodes, s.ReferenceSamples / s.SamplingHz / 60, s.DetectedSamples / s.SamplingHz / 60, s.FalseAfMinutes, epSe, epPp, durSe, durPp));
        }
        var (gEpSe, gEpPp, gDurSe, gDurPp) = Rates(scores);
        w.WriteLine(string.Format(c, "gross: episode Se {0:F1} %, +P {1:F1} %; duration Se {2:F1} %, +P {3:F1} %", gEpSe, gEpPp, gDurSe, gDurPp));
        var nonAf = scores.Where(s => s.ReferenceEpisodes == 0).ToList();
        w.WriteLine(string.Format(c, "records without AF: {0}, of which {1} with false AF, {2:F1} false AF minutes in all",
            nonAf.Count, nonAf.Count(s => s.DetectedEpisodes > 0), nonAf.Sum(s => s.FalseAfMinutes)));
        return w.ToString();
    }

    private static double Percent(long a, long b) => b == 0 ? double.NaN : 100.0 * a / b;

    private static JsonNode? Round(double value) => double.IsNaN(value) ? null : JsonValue.Create(Math.Round(value, 3));
}
