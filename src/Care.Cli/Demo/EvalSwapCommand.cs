using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Care.Cli.Hosting;
using Care.Core.Errors;
using Care.Metabolic.Patients;
using Care.Simulation.Demo;

namespace Care.Cli.Demo;

/// <summary>
/// <c>care eval swap [--days 14] [--seed 1] [--cohort all] [--data PATH] [--json]</c>: every cohort
/// patient lives the same days three ways (one patch; a new patch every day that receives the old
/// patch's learned state; a new patch every day that starts as a stranger) and the time in range,
/// time below 70 mg/dL, lowest glucose and insulin of each are printed per patient and in total.
/// </summary>
internal static class EvalSwapCommand
{
    public static Command Build()
    {
        var days = new Option<int>("--days") { Description = "Simulated days per patient (1..365).", DefaultValueFactory = _ => 14 };
        var seed = new Option<int>("--seed") { Description = "Seed of meals and sensor noise (patient i gets the demo's wearer seed i).", DefaultValueFactory = _ => 1 };
        var cohort = new Option<string>("--cohort") { Description = "all | adults | adolescents | children | one patient, e.g. adult#009", DefaultValueFactory = _ => "all" };
        var data = new Option<string?>("--data") { Description = "The t1d data folder (default: shared/data/t1d found above the current directory, or $CARE_SHARED_DATA/t1d)." };
        var json = new Option<bool>("--json") { Description = "Print JSON instead of a table" };
        var command = new Command("swap", "A new patch every day: glucose outcome with the learned state transferred, on one patch, and with every patch a stranger.") { days, seed, cohort, data, json };
        CliAction.Set(command, async (parse, cancel) =>
        {
            int d = parse.GetValue(days);
            if (d is < 1 or > 365)
            {
                throw new InvalidInputException("--days", $"{d} is not 1..365");
            }
            var folder = parse.GetValue(data) ?? T1dDataFolder.Locate()
                ?? throw new InvalidInputException("--data", "no t1d data folder found; pass --data <path to shared/data/t1d>");
            var virtualCohort = VirtualCohort.Load(folder);
            var results = await Task.Run(() => SwapEvaluation.Run(virtualCohort, parse.GetValue(cohort)!, d, parse.GetValue(seed), null, cancel), cancel);
            await parse.InvocationConfiguration.Output.WriteAsync(parse.GetValue(json) ? ToJson(results, d, parse.GetValue(seed)) : ToTable(results, d, parse.GetValue(seed)));
            return ExitCodes.Ok;
        });
        return command;
    }

    private static SwapModeOutcome Total(IEnumerable<SwapModeOutcome> outcomes)
    {
        var list = outcomes.ToList();
        return new SwapModeOutcome(list.Sum(o => o.Minutes), list.Sum(o => o.MinutesInRange), list.Sum(o => o.MinutesBelowRange),
            list.Count == 0 ? double.NaN : list.Min(o => o.LowestMgPerDl), list.Sum(o => o.InsulinUnits), list.Sum(o => o.GlucoseSumMgPerDl));
    }

    private static string F(double x, string format = "F1") => x.ToString(format, CultureInfo.InvariantCulture);

    internal static string ToTable(IReadOnlyList<SwapPatientResult> results, int days, int seed)
    {
        var s = new StringBuilder();
        s.AppendLine(CultureInfo.InvariantCulture, $"{results.Count} patients x {days} days, seed {seed}; a new patch every day at {SwapEvaluation.SwapHourUtc:D2}:00 UTC");
        s.AppendLine("| patient | TIR one patch % | TIR transfer % | TIR stranger % | <70 one / transfer / stranger % | lowest one / transfer / stranger mg/dL | mean one / transfer / stranger mg/dL | identical | blobs | bytes/blob |");
        s.AppendLine("|---|---:|---:|---:|---:|---:|---:|:---:|---:|---:|");
        foreach (var r in results)
        {
            s.AppendLine(Row(r.Patient, r.OnePatch, r.Transfer, r.Stranger, r.TransferIdentical ? "yes" : "NO", r.Transfers, r.BlobBytes));
        }
        var identical = results.Count(r => r.TransferIdentical);
        s.AppendLine(Row("**total**", Total(results.Select(r => r.OnePatch)), Total(results.Select(r => r.Transfer)), Total(results.Select(r => r.Stranger)),
            $"{identical}/{results.Count}", results.Sum(r => r.Transfers), results.Sum(r => r.BlobBytes)));
        return s.ToString();
    }

    private static string Row(string name, SwapModeOutcome one, SwapModeOutcome moved, SwapModeOutcome stranger, string identical, int transfers, long bytes) =>
        $"| {name} | {F(one.TimeInRangePercent, "F2")} | {F(moved.TimeInRangePercent, "F2")} | {F(stranger.TimeInRangePercent, "F2")} | " +
        $"{F(one.TimeBelowRangePercent, "F2")} / {F(moved.TimeBelowRangePercent, "F2")} / {F(stranger.TimeBelowRangePercent, "F2")} | " +
        $"{F(one.LowestMgPerDl)} / {F(moved.LowestMgPerDl)} / {F(stranger.LowestMgPerDl)} | {F(one.MeanMgPerDl)} / {F(moved.MeanMgPerDl)} / {F(stranger.MeanMgPerDl)} | {identical} | {transfers} | {(transfers == 0 ? "-" : F((double)bytes / transfers, "F0"))} |";

    private static JsonObject Json(SwapModeOutcome o) => new()
    {
        ["minutes"] = o.Minutes,
        ["minutesInRange"] = o.MinutesInRange,
        ["minutesBelow70"] = o.MinutesBelowRange,
        ["tirPercent"] = Math.Round(o.TimeInRangePercent, 3),
        ["below70Percent"] = Math.Round(o.TimeBelowRangePercent, 3),
        ["lowestMgPerDl"] = Math.Round(o.LowestMgPerDl, 2),
        ["insulinUnits"] = Math.Round(o.InsulinUnits, 2),
        ["meanMgPerDl"] = Math.Round(o.MeanMgPerDl, 3),
    };

    internal static string ToJson(IReadOnlyList<SwapPatientResult> results, int days, int seed)
    {
        var rows = new JsonArray();
        foreach (var r in results)
        {
            rows.Add(new JsonObject
            {
                ["patient"] = r.Patient,
                ["onePatch"] = Json(r.OnePatch),
                ["transfer"] = Json(r.Transfer),
                ["stranger"] = Json(r.Stranger),
                ["transferIdentical"] = r.TransferIdentical,
                ["transfers"] = r.Transfers,
                ["blobBytes"] = r.BlobBytes,
            });
        }
        var root = new JsonObject
        {
            ["days"] = days,
            ["seed"] = seed,
            ["swapHourUtc"] = SwapEvaluation.SwapHourUtc,
            ["patients"] = rows,
            ["total"] = new JsonObject
            {
                ["onePatch"] = Json(Total(results.Select(r => r.OnePatch))),
                ["transfer"] = Json(Total(results.Select(r => r.Transfer))),
                ["stranger"] = Json(Total(results.Select(r => r.Stranger))),
                ["transferIdentical"] = results.Count(r => r.TransferIdentical),
                ["patients"] = results.Count,
            },
        };
        return root.ToJsonString(CliJson.Options) + "\n";
    }
}
