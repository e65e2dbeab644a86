using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Care.Cli.Hosting;
using Care.Kiosk.Identity;

namespace Care.Cli.Kiosk;

/// <summary>
/// <c>care eval iris [--subjects N] [--probes P] [--seed S] [--fmr RATE] [--json]</c>: the kiosk's iris
/// matcher on generated eyes (no iris images are in the shared data): genuine and impostor
/// distributions, degrees of freedom, d′, the threshold for the stated false-match rate, and FMR and
/// FNMR at that threshold and at fixed ones (per-threshold rows and the totals).
/// </summary>
internal static class EvalIrisCommand
{
    private static readonly double[] Thresholds = [0.26, 0.28, 0.30, 0.32, 0.34, 0.36];

    public static Command Build()
    {
        var subjects = new Option<int>("--subjects") { Description = "Eyes enrolled (default 300)", DefaultValueFactory = _ => 300 };
        var probes = new Option<int>("--probes") { Description = "Genuine probes per eye (default 3)", DefaultValueFactory = _ => 3 };
        var seed = new Option<int>("--seed") { Description = "Seed of the generated eyes (default 1)", DefaultValueFactory = _ => 1 };
        var fmr = new Option<double>("--fmr") { Description = "Stated false-match rate the threshold is set for (default 1e-6)", DefaultValueFactory = _ => 1e-6 };
        var json = new Option<bool>("--json") { Description = "Print JSON instead of a table" };
        var command = new Command("iris", "Measure iris identification (fractional Hamming distance, rotations, masks, protected templates) on generated eyes: d′, FMR, FNMR.") { subjects, probes, seed, fmr, json };
        CliAction.Set(command, async (parse, cancel) =>
        {
            int n = parse.GetValue(subjects), p = parse.GetValue(probes);
            double rate = parse.GetValue(fmr);
            if (n is < 2 or > 5000 || p is < 1 or > 20 || !(rate > 0 && rate < 1))
            {
                await parse.InvocationConfiguration.Error.WriteLineAsync("care eval iris: --subjects must be 2–5000, --probes 1–20 and --fmr in (0, 1)");
                return ExitCodes.BadInput;
            }
            var result = IrisEvaluation.Run(n, p, parse.GetValue(seed), rate);
            await parse.InvocationConfiguration.Output.WriteAsync(parse.GetValue(json) ? ToJson(result) : ToTable(result));
            return ExitCodes.Ok;
        });
        return command;
    }

    private static string F(double x, string format = "F4") => x.ToString(format, CultureInfo.InvariantCulture);

    internal static string ToTable(IrisEvaluationResult r)
    {
        var s = new StringBuilder();
        s.AppendLine(CultureInfo.InvariantCulture, $"eyes {r.Subjects}; genuine comparisons {r.Genuine.Count}; impostor comparisons {r.Impostor.Count}; rotations {r.Rotations}");
        s.AppendLine(CultureInfo.InvariantCulture, $"genuine  HD mean {F(IrisEvaluationResult.Mean(r.Genuine))} sd {F(IrisEvaluationResult.Sd(r.Genuine))}");
        s.AppendLine(CultureInfo.InvariantCulture, $"impostor HD mean {F(IrisEvaluationResult.Mean(r.Impostor))} sd {F(IrisEvaluationResult.Sd(r.Impostor))} (best of {r.Rotations} rotations, normalised)");
        s.AppendLine(CultureInfo.InvariantCulture, $"impostor HD at one alignment: mean {F(r.ImpostorSingleRotationMean)} sd {F(r.ImpostorSingleRotationSd)} -> {F(r.DegreesOfFreedom, "F0")} degrees of freedom");
        s.AppendLine(CultureInfo.InvariantCulture, $"d' {F(r.DPrime, "F2")}");
        s.AppendLine();
        s.AppendLine("| threshold | model FMR | measured FMR | FNMR |");
        s.AppendLine("|---:|---:|---:|---:|");
        foreach (var (t, label) in Thresholds.Select(t => (t, F(t, "F2"))).Prepend((r.Threshold, $"{F(r.Threshold)} (FMR {r.TargetFalseMatchRate.ToString("G2", CultureInfo.InvariantCulture)})")))
        {
            s.AppendLine(CultureInfo.InvariantCulture, $"| {label} | {IrisThreshold.FalseMatchRate(t, r.DegreesOfFreedom, r.Rotations):E2} | {F(r.FalseMatchRate(t), "E2")} | {F(r.FalseNonMatchRate(t))} |");
        }
        return s.ToString();
    }

    internal static string ToJson(IrisEvaluationResult r)
    {
        var rows = new JsonArray();
        foreach (var t in Thresholds.Prepend(r.Threshold))
        {
            rows.Add(new JsonObject
            {
                ["threshold"] = Math.Round(t, 4),
                ["modelFmr"] = IrisThreshold.FalseMatchRate(t, r.DegreesOfFreedom, r.Rotations),
                ["measuredFmr"] = r.FalseMatchRate(t),
                ["fnmr"] = r.FalseNonMatchRate(t),
            });
        }
        var root = new JsonObject
        {
            ["eyes"] = r.Subjects,
            ["genuineComparisons"] = r.Genuine.Count,
            ["impostorComparisons"] = r.Impostor.Count,
            ["rotations"] = r.Rotations,
            ["genuineMean"] = Math.Round(IrisEvaluationResult.Mean(r.Genuine), 4),
            ["genuineSd"] = Math.Round(IrisEvaluationResult.Sd(r.Genuine), 4),
            ["impostorMean"] = Math.Round(IrisEvaluationResult.Mean(r.Impostor), 4),
            ["impostorSd"] = Math.Round(IrisEvaluationResult.Sd(r.Impostor), 4),
            ["singleAlignmentImpostorMean"] = Math.Round(r.ImpostorSingleRotationMean, 4),
            ["singleAlignmentImpostorSd"] = Math.Round(r.ImpostorSingleRotationSd, 4),
            ["degreesOfFreedom"] = Math.Round(r.DegreesOfFreedom, 1),
            ["dPrime"] = Math.Round(r.DPrime, 3),
            ["targetFmr"] = r.TargetFalseMatchRate,
            ["threshold"] = Math.Round(r.Threshold, 4),
            ["thresholds"] = rows,
        };
        return root.ToJsonString(CliJson.Options) + "\n";
    }
}
