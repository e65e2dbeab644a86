using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Care.Core.Errors;
using Care.Cli.Hosting;
using Care.Epidemic.Surveillance;

namespace Care.Cli.Epidemic;

/// <summary>
/// <c>care eval surveillance --data DIR [--json]</c>: EARS C1–C3, CUSUM and Farrington flexible (1996, Noufaily 2013) on the RKI series and
/// salmonella.agona, per series and algorithm: alarm weeks, sensitivity, specificity and timeliness
/// against the outbreak labels, and agreement with R <c>surveillance</c> 1.20.3's reference outputs.
/// </summary>
internal static class EvalSurveillanceCommand
{
    public static Command Build()
    {
        var data = new Option<string>("--data") { Description = "Folder of the surveillance data (e.g. ../shared/data/surveillance)", Required = true };
        var json = new Option<bool>("--json") { Description = "Print JSON instead of a table" };
        var command = new Command("surveillance", "Score outbreak detectors (EARS C1-C3, CUSUM, Farrington 1996 and Noufaily 2013) on labelled surveillance series and against R surveillance's reference outputs.") { data, json };
        CliAction.Set(command, async (parse, cancel) =>
        {
            var scores = Score(parse.GetRequiredValue(data));
            await parse.InvocationConfiguration.Output.WriteAsync(parse.GetValue(json) ? ToJson(scores) : ToTable(scores));
            return ExitCodes.Ok;
        });
        return command;
    }

    internal static IReadOnlyList<DetectorScore> Score(string folder)
    {
        var series = SeriesCsv.Parse(Read(Path.Combine(folder, "surveillance_pkg_series_52week.csv")), "surveillance_pkg_series_52week.csv");
        var reference = new List<ReferenceRow>();
        foreach (var file in new[] { "earsC_reference.csv", "cusum_reference.csv", "farringtonFlexible_reference.csv" })
        {
            reference.AddRange(ReferenceCsv.Parse(Read(Path.Combine(folder, "reference_outputs", file)), file));
        }
        return SurveillanceEvaluation.Evaluate(series, reference);
    }

    private static string Read(string path) =>
        File.Exists(path) ? File.ReadAllText(path) : throw new InvalidInputException("--data", $"'{path}' does not exist");

    internal static string ToJson(IReadOnlyList<DetectorScore> scores)
    {
        var rows = new JsonArray();
        foreach (var s in scores)
        {
            rows.Add(new JsonObject
            {
                ["series"] = s.Series,
                ["algorithm"] = s.Algorithm,
                ["alarms"] = new JsonArray([.. s.AlarmWeeks.Select(w => (JsonNode)w)]),
                ["sensitivity"] = Round(s.Sensitivity),
                ["specificity"] = Round(s.Specificity),
                ["timeliness"] = Round(s.Timeliness),
                ["agreement"] = Round(s.Agreement),
                ["referenceWeeks"] = s.ReferenceWeeks,
                ["disagreements"] = new JsonArray([.. s.Disagreements.Select(w => (JsonNode)w)]),
            });
        }
        var totals = new JsonObject();
        foreach (var g in scores.GroupBy(s => s.Algorithm))
        {
            totals[g.Key] = new JsonObject
            {
                ["agreement"] = Round((double)g.Sum(s => s.AgreeingWeeks) / g.Sum(s => s.ReferenceWeeks)),
                ["meanSensitivity"] = Round(g.Where(s => !double.IsNaN(s.Sensitivity)).Average(s => s.Sensitivity)),
                ["meanSpecificity"] = Round(g.Where(s => !double.IsNaN(s.Specificity)).Average(s => s.Specificity)),
            };
        }
        return new JsonObject { ["rows"] = rows, ["total"] = totals }.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + Environment.NewLine;
    }

    internal static string ToTable(IReadOnlyList<DetectorScore> scores)
    {
        var c = CultureInfo.InvariantCulture;
        var w = new StringWriter(c);
        w.WriteLine("Outbreak detectors vs RKI outbreak labels and R surveillance 1.20.3 (same alarm, bound within 1e-6 relative)");
        w.WriteLine("series            algo            alarms    Se     Sp   timely  agreement  alarm weeks");
        foreach (var s in scores)
        {
            w.WriteLine(string.Format(c, "{0,-17} {1,-14} {2,6} {3,6:F3} {4,6:F3} {5,7:F3} {6,6}/{7,-4}  {8}",
                s.Series, s.Algorithm, s.AlarmWeeks.Count, s.Sensitivity, s.Specificity, s.Timeliness, s.AgreeingWeeks, s.ReferenceWeeks, Weeks(s.AlarmWeeks)));
        }
        foreach (var g in scores.GroupBy(s => s.Algorithm))
        {
            var agree = g.Sum(s => s.AgreeingWeeks);
            var total = g.Sum(s => s.ReferenceWeeks);
            w.WriteLine(string.Format(c, "total {0,-14}: agreement {1}/{2} = {3:F4}; mean Se {4:F3}, mean Sp {5:F3} (labelled series)",
                g.Key, agree, total, (double)agree / total,
                g.Where(s => !double.IsNaN(s.Sensitivity)).Average(s => s.Sensitivity), g.Where(s => !double.IsNaN(s.Sensitivity)).Average(s => s.Specificity)));
        }
        return w.ToString();
    }

    private static string Weeks(IReadOnlyList<int> weeks) =>
        weeks.Count <= 12 ? string.Join(' ', weeks) : string.Join(' ', weeks.Take(12)) + $" … (+{weeks.Count - 12})";

    private static JsonNode? Round(double value) => double.IsNaN(value) ? null : JsonValue.Create(Math.Round(value, 4));
}
