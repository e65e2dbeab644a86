using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Care.Core.Errors;
using Care.Cli.Hosting;
using Care.Epidemic.Matching;
using Care.Epidemic.World;
using Care.Simulation.Epidemic;

namespace Care.Cli.Epidemic;

/// <summary>
/// <c>care eval exposure [--agents N] [--days D] [--seed S] [--weights tuned|cwa] [--tune SEEDS] [--json]</c>:
/// the epidemic world with patches; notification precision and recall against true close contacts, median
/// hours from a diagnosis to its notifications, attack rates with and without quarantine on notification.
/// </summary>
internal static class EvalExposureCommand
{
    public static Command Build()
    {
        var agents = new Option<int>("--agents") { Description = "Agents in the world (default 100000)", DefaultValueFactory = _ => 100_000 };
        var days = new Option<int>("--days") { Description = "Days simulated (default 60)", DefaultValueFactory = _ => 60 };
        var seed = new Option<int>("--seed") { Description = "Seed of the reported world (default 101; seeds 1-3 are the development seeds)", DefaultValueFactory = _ => 101 };
        var weights = new Option<string>("--weights") { Description = "Risk weights: tuned (chosen on seeds 1-3, default) or cwa (Corona-Warn-App's published ones)", DefaultValueFactory = _ => "tuned" };
        var tune = new Option<string?>("--tune") { Description = "Comma-separated development seeds: choose the weights on them first (recall at precision >= 0.5), then report --seed with them" };
        var json = new Option<bool>("--json") { Description = "Print JSON instead of a table" };
        var command = new Command("exposure", "Run the epidemic world with proximity tracing and score notifications (precision, recall, hours to notify, attack rates).") { agents, days, seed, weights, tune, json };
        CliAction.Set(command, async (parse, cancel) =>
        {
            var settings = new EpidemicSettings(Agents: parse.GetValue(agents), Days: parse.GetValue(days), Seed: parse.GetValue(seed));
            try
            {
                settings.Validate();
            }
            catch (ArgumentOutOfRangeException e)
            {
                throw new InvalidInputException($"--{e.ParamName?.ToLowerInvariant()}", $"{e.ActualValue} is out of range");
            }
            var chosen = parse.GetValue(weights) switch
            {
                "tuned" => RiskWeights.Tuned,
                "cwa" => RiskWeights.Default,
                var other => throw new InvalidInputException("--weights", $"'{other}' is not 'tuned' or 'cwa'"),
            };
            string? tuneLine = null;
            if (parse.GetValue(tune) is { } seeds)
            {
                var dev = seeds.Split(',').Select(s => int.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) ? v : throw new InvalidInputException("--tune", $"'{s}' is not an integer seed")).ToList();
                if (dev.Contains(settings.Seed))
                {
                    throw new InvalidInputException("--tune", $"the reported seed {settings.Seed} is also a development seed");
                }
                var (w, p, r) = ExposureStudy.Tune([.. dev.Select(s => settings with { Seed = s })]);
                chosen = w;
                tuneLine = string.Format(CultureInfo.InvariantCulture, "chosen on seeds {0}: {1} (pooled precision {2:F3}, recall {3:F3})", seeds, Describe(w), p, r);
            }
            var result = ExposureStudy.Run(settings, chosen);
            await parse.InvocationConfiguration.Output.WriteAsync(parse.GetValue(json) ? ToJson(result, settings) : ToTable(result, settings, tuneLine));
            return ExitCodes.Ok;
        });
        return command;
    }

    private static string Describe(RiskWeights w) => string.Format(CultureInfo.InvariantCulture,
        "buckets <= {0}/{1}/{2} dB weights {3}/{4}/{5}/{6}, threshold {7} weighted min", w.ImmediateMaxDb, w.NearMaxDb, w.MediumMaxDb, w.ImmediateWeight, w.NearWeight, w.MediumWeight, w.OtherWeight, w.ThresholdWeightedMinutes);

    internal static string ToJson(ExposureStudyResult r, EpidemicSettings s) =>
        new JsonObject
        {
            ["agents"] = s.Agents,
            ["days"] = s.Days,
            ["seed"] = s.Seed,
            ["precision"] = Round(r.Precision),
            ["recall"] = Round(r.Recall),
            ["medianHoursToNotify"] = Round(r.MedianHoursToNotify),
            ["attackRateWithTracing"] = Round(r.AttackRateWithTracing),
            ["attackRateWithoutTracing"] = Round(r.AttackRateWithoutTracing),
            ["infectionRecall"] = Round(r.InfectionRecall),
            ["diagnosed"] = r.Diagnosed,
            ["published"] = r.Published,
            ["trueContacts"] = r.TrueContacts,
            ["notified"] = r.Notified,
            ["weights"] = Describe(r.Weights),
            ["curve"] = new JsonArray([.. r.Curve.Select(p => (JsonNode)new JsonObject { ["threshold"] = p.Threshold, ["precision"] = Round(p.Precision), ["recall"] = Round(p.Recall) })]),
        }.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + Environment.NewLine;

    internal static string ToTable(ExposureStudyResult r, EpidemicSettings s, string? tuneLine)
    {
        var c = CultureInfo.InvariantCulture;
        var w = new StringWriter(c);
        w.WriteLine(string.Format(c, "Epidemic world: {0} agents, {1} days, seed {2}", s.Agents, s.Days, s.Seed));
        if (tuneLine is not null)
        {
            w.WriteLine(tuneLine);
        }
        w.WriteLine("weights: " + Describe(r.Weights));
        w.WriteLine(string.Format(c, "diagnosed {0}, published keys {1}, true close contacts {2}, notified {3}", r.Diagnosed, r.Published, r.TrueContacts, r.Notified));
        w.WriteLine(string.Format(c, "precision {0:F3}  recall {1:F3}  (infected by a publisher and notified: {2:F3})", r.Precision, r.Recall, r.InfectionRecall));
        w.WriteLine(string.Format(c, "median hours from diagnosis to notification: {0:F1}", r.MedianHoursToNotify));
        w.WriteLine(string.Format(c, "attack rate without tracing {0:F4}, with tracing {1:F4}", r.AttackRateWithoutTracing, r.AttackRateWithTracing));
        w.WriteLine("threshold  precision  recall");
        foreach (var p in r.Curve)
        {
            w.WriteLine(string.Format(c, "{0,9} {1,10:F3} {2,7:F3}", p.Threshold, p.Precision, p.Recall));
        }
        return w.ToString();
    }

    private static JsonNode? Round(double value) => double.IsNaN(value) ? null : JsonValue.Create(Math.Round(value, 4));
}
