using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Care.Core.Errors;
using Care.Cli.Hosting;
using Care.Epidemic.Surveillance;

namespace Care.Cli.Epidemic;

/// <summary>
/// <c>care eval outbreaks [--replicates N] [--seed S] [--dev-seed S] [--data DIR] [--json]</c>: outbreaks injected into
/// simulated baselines (Noufaily et al. 2013's design); per detector false-positive rate, sensitivity, POD and
/// timeliness on the test seeds; Hermes's detector at each baseline's FPR (threshold calibrated on the development
/// seeds); with <c>--data</c>, every detector on the labelled RKI series too.
/// </summary>
internal static class EvalOutbreaksCommand
{
    public static Command Build()
    {
        var replicates = new Option<int>("--replicates") { Description = "Series per scenario in each of the development and test sets (default 25; 12 scenarios)", DefaultValueFactory = _ => 25 };
        var seed = new Option<int>("--seed") { Description = "Seed of the reported (test) series (default 101)", DefaultValueFactory = _ => 101 };
        var devSeed = new Option<int>("--dev-seed") { Description = "Seed of the development series the thresholds are calibrated on (default 1)", DefaultValueFactory = _ => 1 };
        var data = new Option<string?>("--data") { Description = "Folder of the surveillance data (e.g. ../shared/data/surveillance): also score the labelled real series" };
        var maxWindow = new Option<int>("--max-window") { Description = "Design knob: longest cumulative window of the Hermes detector (default 2)", DefaultValueFactory = _ => HermesDetectorSettings.Weekly.MaxWindow };
        var gap = new Option<int>("--gap") { Description = "Design knob: recent weeks left out of the Hermes fit (default 3)", DefaultValueFactory = _ => HermesDetectorSettings.Weekly.GapSteps };
        var json = new Option<bool>("--json") { Description = "Print JSON instead of a table" };
        var command = new Command("outbreaks", "Inject outbreaks into simulated baselines (Noufaily 2013 design) and compare the package detectors with Hermes's detector at matched false-positive rates.")
        {
            replicates, seed, devSeed, data, maxWindow, gap, json,
        };
        CliAction.Set(command, async (parse, cancel) =>
        {
            var n = parse.GetValue(replicates);
            if (n is < 1 or > 10_000)
            {
                throw new InvalidInputException("--replicates", $"{n} is not in 1..10000");
            }
            if (parse.GetValue(seed) == parse.GetValue(devSeed))
            {
                throw new InvalidInputException("--dev-seed", "the development seed must differ from the reported --seed");
            }
            var settings = HermesDetectorSettings.Weekly with { MaxWindow = parse.GetValue(maxWindow), GapSteps = parse.GetValue(gap) };
            try
            {
                _ = new HermesDetector(settings);
            }
            catch (ArgumentOutOfRangeException e)
            {
                throw new InvalidInputException(e.ParamName == nameof(HermesDetectorSettings.GapSteps) ? "--gap" : "--max-window", $"{e.ActualValue} is out of range (1 <= max-window <= 8, gap >= max-window)");
            }
            IReadOnlyList<SurveillanceSeries>? real = null;
            if (parse.GetValue(data) is { } folder)
            {
                var path = Path.Combine(folder, "surveillance_pkg_series_52week.csv");
                real = File.Exists(path) ? SeriesCsv.Parse(File.ReadAllText(path), "surveillance_pkg_series_52week.csv")
                    : throw new InvalidInputException("--data", $"'{path}' does not exist");
            }
            var result = InjectedOutbreakEvaluation.Run(n, parse.GetValue(seed), parse.GetValue(devSeed), settings, real);
            await parse.InvocationConfiguration.Output.WriteAsync(parse.GetValue(json) ? ToJson(result) : ToTable(result, parse.GetValue(seed), parse.GetValue(devSeed)));
            return ExitCodes.Ok;
        });
        return command;
    }

    internal static string ToTable(OutbreakEvaluationResult r, int seed, int devSeed)
    {
        var c = CultureInfo.InvariantCulture;
        var w = new StringWriter(c);
        w.WriteLine(string.Format(c, "Injected outbreaks (Noufaily 2013 design): {0} series per set, {1} scenarios, test weeks 576-624; test seed {2}, development seed {3}",
            r.SeriesPerSet, BaselineScenario.Grid.Count, seed, devSeed));
        w.WriteLine("algorithm         FPR     Se      POD     timely  outbreaks");
        foreach (var b in r.Baselines)
        {
            w.WriteLine(Row(c, b.Algorithm, b));
        }
        w.WriteLine();
        w.WriteLine("Hermes at each baseline's FPR (threshold calibrated on the development seeds; figures on the test seeds)");
        w.WriteLine("against          devFPR  thresh |  base FPR  Se     POD    timely |  Hermes FPR  Se     POD    timely |  dSe     dPOD");
        foreach (var m in r.Matched)
        {
            w.WriteLine(string.Format(c, "{0,-15} {1,7:F4} {2,6:F2} | {3,8:F4} {4,6:F3} {5,6:F3} {6,6:F3} | {7,10:F4} {8,6:F3} {9,6:F3} {10,6:F3} | {11,6:+0.000;-0.000} {12,6:+0.000;-0.000}",
                m.Against, m.DevelopmentFalsePositiveRate, m.Threshold,
                m.Baseline.FalsePositiveRate, m.Baseline.Sensitivity, m.Baseline.ProbabilityOfDetection, m.Baseline.Timeliness,
                m.Hermes.FalsePositiveRate, m.Hermes.Sensitivity, m.Hermes.ProbabilityOfDetection, m.Hermes.Timeliness,
                m.Hermes.Sensitivity - m.Baseline.Sensitivity, m.Hermes.ProbabilityOfDetection - m.Baseline.ProbabilityOfDetection));
        }
        if (r.Real.Count > 0)
        {
            w.WriteLine();
            w.WriteLine("Real labelled RKI series, same weeks for every detector (Farrington's first week on); Hermes at the Noufaily-matched threshold");
            w.WriteLine("algorithm        mean Se  mean Sp  mean timely  alarms");
            foreach (var g in r.Real.GroupBy(s => s.Algorithm))
            {
                w.WriteLine(string.Format(c, "{0,-15} {1,8:F3} {2,8:F3} {3,12:F3} {4,7}", g.Key,
                    g.Where(s => !double.IsNaN(s.Sensitivity)).DefaultIfEmpty().Average(s => s?.Sensitivity ?? double.NaN),
                    g.Where(s => !double.IsNaN(s.Specificity)).Average(s => s.Specificity),
                    g.Where(s => !double.IsNaN(s.Timeliness)).DefaultIfEmpty().Average(s => s?.Timeliness ?? double.NaN),
                    g.Sum(s => s.AlarmWeeks.Count)));
            }
        }
        return w.ToString();
    }

    private static string Row(CultureInfo c, string name, DetectionOutcome o) =>
        string.Format(c, "{0,-15} {1,7:F4} {2,6:F3} {3,7:F3} {4,7:F3} {5,8}", name, o.FalsePositiveRate, o.Sensitivity, o.ProbabilityOfDetection, o.Timeliness, o.Outbreaks);

    internal static string ToJson(OutbreakEvaluationResult r)
    {
        static JsonObject Outcome(DetectionOutcome o) => new()
        {
            ["algorithm"] = o.Algorithm,
            ["falsePositiveRate"] = Round(o.FalsePositiveRate),
            ["sensitivity"] = Round(o.Sensitivity),
            ["pod"] = Round(o.ProbabilityOfDetection),
            ["timeliness"] = Round(o.Timeliness),
            ["outbreaks"] = o.Outbreaks,
        };
        var root = new JsonObject
        {
            ["seriesPerSet"] = r.SeriesPerSet,
            ["baselines"] = new JsonArray([.. r.Baselines.Select(b => (JsonNode)Outcome(b))]),
            ["matched"] = new JsonArray([.. r.Matched.Select(m => (JsonNode)new JsonObject
            {
                ["against"] = m.Against,
                ["developmentFalsePositiveRate"] = Round(m.DevelopmentFalsePositiveRate),
                ["threshold"] = Round(m.Threshold),
                ["baseline"] = Outcome(m.Baseline),
                ["hermes"] = Outcome(m.Hermes),
            })]),
            ["real"] = new JsonArray([.. r.Real.Select(s => (JsonNode)new JsonObject
            {
                ["series"] = s.Series,
                ["algorithm"] = s.Algorithm,
                ["alarms"] = new JsonArray([.. s.AlarmWeeks.Select(x => (JsonNode)x)]),
                ["sensitivity"] = Round(s.Sensitivity),
                ["specificity"] = Round(s.Specificity),
                ["timeliness"] = Round(s.Timeliness),
            })]),
        };
        return root.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + Environment.NewLine;
    }

    private static JsonNode? Round(double value) => double.IsNaN(value) ? null : JsonValue.Create(Math.Round(value, 4));
}
