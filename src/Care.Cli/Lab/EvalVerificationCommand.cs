using System.CommandLine;
using System.Globalization;
using Care.Cli.Hosting;
using Care.Core.Errors;
using Care.Molecular.Mapping.Evaluation;

namespace Care.Cli.Lab;

/// <summary>
/// <c>care eval verification [--seed N] [--trials N] [--reads LIST] [--json]</c>: products simulated
/// clean, with an extra construct at 1–0.1 % of molecules, with a point substitution or truncated,
/// sequenced with a short-read error profile and verified read by read; detection and false-alarm
/// rates per read count, and the fewest reads that catch ≥ 95 %.
/// </summary>
internal static class EvalVerificationCommand
{
    public static Command Build()
    {
        var seed = new Option<int>("--seed") { Description = "Base seed (each trial derives its own).", DefaultValueFactory = _ => 2026 };
        var trials = new Option<int>("--trials") { Description = "Products per condition and read count (1..1000).", DefaultValueFactory = _ => 20 };
        var reads = new Option<string>("--reads") { Description = "Comma-separated read counts per product.", DefaultValueFactory = _ => "1000,2000,5000,10000" };
        var json = new Option<bool>("--json") { Description = "Print JSON instead of a table" };
        var command = new Command("verification", "Score product verification: payload detection against molecule fraction, substitutions, truncation, false alarms on clean products.") { seed, trials, reads, json };
        CliAction.Set(command, async (parse, cancel) =>
        {
            var n = parse.GetValue(trials);
            if (n is < 1 or > 1000)
            {
                throw new InvalidInputException("--trials", $"must be 1..1000, got {n}");
            }
            var ladder = new List<int>();
            foreach (var part in parse.GetValue(reads)!.Split(','))
            {
                if (!int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var count) || count is < 10 or > 1_000_000)
                {
                    throw new InvalidInputException("--reads", $"'{part}' is not a read count in 10..1000000");
                }
                ladder.Add(count);
            }
            var report = VerificationEvaluation.Run(parse.GetValue(seed), n, ladder, cancel);
            await CliOutput.WriteAsync(parse, parse.GetValue(json), report, Print);
            return ExitCodes.Ok;
        });
        return command;
    }

    internal static void Print(VerificationReport report, TextWriter w)
    {
        var c = CultureInfo.InvariantCulture;
        var p = report.Profile;
        w.WriteLine(string.Format(c, "Product verification: {0}-nt ordered construct, extra construct {1} nt; reads {2}±{3} nt, substitutions {4:P2}, insertions {5:P2}, deletions {6:P2} per base; seed {7}",
            report.ProductLength, report.PayloadLength, p.MeanLength, p.LengthSd, p.Substitution, p.Insertion, p.Deletion, report.Seed));
        w.WriteLine("condition               reads  products  failed   rate  foreign reads (mean)");
        foreach (var cell in report.Cells)
        {
            w.WriteLine(string.Format(c, "{0,-22} {1,6} {2,9} {3,7} {4,6:F1} %  {5,8:F1}{6}", cell.Condition, cell.Reads, cell.Trials, cell.Failed, cell.FailedPercent, cell.MeanForeignReads, cell.Condition == "clean" ? "   (failures are false alarms)" : ""));
        }
        w.WriteLine("fewest reads catching >= 95 %:");
        foreach (var (condition, reads) in report.MinimumReads)
        {
            w.WriteLine(string.Format(c, "  {0,-22} {1}", condition, reads is { } r ? r.ToString(c) : "not reached in the ladder"));
        }
    }
}
