using System.CommandLine;
using System.Globalization;
using Care.Cli.Hosting;
using Care.Core.Errors;
using Care.Molecular.Screening.Evaluation;

namespace Care.Cli.Lab;

/// <summary>
/// <c>care eval screening [--data DIR] [--seed N] [--entries N] [--per-class N] [--json]</c>:
/// synthesis-order screening recall per evasion class against a synthetic database of concern,
/// and false positives on the benign controls and as many natural-like random sequences.
/// </summary>
internal static class EvalScreeningCommand
{
    public static Command Build()
    {
        var data = new Option<string?>("--data") { Description = "The biosecurity data folder (default: shared/data/biosecurity above the current directory, or $CARE_SHARED_DATA/biosecurity)." };
        var seed = new Option<int>("--seed") { Description = "Seed of the synthetic database, the evasion suite and the random controls.", DefaultValueFactory = _ => 2026 };
        var entries = new Option<int>("--entries") { Description = "Synthetic entries of concern (1..100000).", DefaultValueFactory = _ => 500 };
        var perClass = new Option<int>("--per-class") { Description = "Evasion cases per class (1..100000).", DefaultValueFactory = _ => 500 };
        var json = new Option<bool>("--json") { Description = "Print JSON instead of a table" };
        var command = new Command("screening", "Score synthesis-order screening: recall per evasion class, false positives on benign controls and natural-like sequences.") { data, seed, entries, perClass, json };
        CliAction.Set(command, async (parse, cancel) =>
        {
            var n = parse.GetValue(entries);
            var k = parse.GetValue(perClass);
            if (n is < 1 or > 100_000)
            {
                throw new InvalidInputException("--entries", $"must be 1..100000, got {n}");
            }
            if (k is < 1 or > 100_000)
            {
                throw new InvalidInputException("--per-class", $"must be 1..100000, got {k}");
            }
            var controls = BiosecurityData.Controls(BiosecurityData.Locate(parse.GetValue(data)));
            var report = ScreeningEvaluation.Run(controls, parse.GetValue(seed), n, k, cancel);
            await CliOutput.WriteAsync(parse, parse.GetValue(json), report, Print);
            return ExitCodes.Ok;
        });
        return command;
    }

    internal static void Print(ScreeningReport report, TextWriter w)
    {
        var c = CultureInfo.InvariantCulture;
        w.WriteLine(string.Format(c, "Synthesis-order screening: {0} synthetic entries of concern (seed {1}), {2:N0} windows; both strands, 30/42-nt DNA and 20-aa windows, flag at 50 nt", report.Entries, report.Seed, report.DatabaseWindows));
        w.WriteLine("class                                  cases  flagged   recall  target");
        foreach (var s in report.Classes)
        {
            w.WriteLine(string.Format(c, "{0,-38} {1,6} {2,8} {3,7:F2} %  {4}", s.Class, s.Cases, s.Detected, s.RecallPercent, s.Target ? (s.RecallPercent >= 99 ? ">=99 % met" : ">=99 % MISSED") : "(stress, no target)"));
        }
        var target = report.Classes.Where(s => s.Target).ToList();
        w.WriteLine(string.Format(c, "target classes: {0} of {1} cases flagged ({2:F2} %)", target.Sum(s => s.Detected), target.Sum(s => s.Cases), 100.0 * target.Sum(s => s.Detected) / target.Sum(s => s.Cases)));
        w.WriteLine();
        w.WriteLine("negative set   id                                                  length  flagged  sub-threshold hits  commec 1.0.0");
        foreach (var b in report.Benign)
        {
            w.WriteLine(string.Format(c, "{0,-14} {1,-50} {2,7} {3,8} {4,19}  {5}", b.Set, b.Id.Length > 50 ? b.Id[..50] : b.Id, b.LengthNt, b.Flagged ? "YES" : "no", b.Hits, b.Commec ?? "-"));
        }
        foreach (var set in report.Benign.GroupBy(b => b.Set))
        {
            w.WriteLine(string.Format(c, "false positives, {0}: {1} of {2}", set.Key, set.Count(b => b.Flagged), set.Count()));
        }
        w.WriteLine(string.Format(c, "one customer ordering every negative sequence: {0} orders flagged by aggregation", report.BenignCustomerFlags));
        if (report.Misses.Count > 0)
        {
            w.WriteLine();
            w.WriteLine(string.Format(c, "misses ({0}; first 20):", report.Misses.Count));
            foreach (var m in report.Misses.Take(20))
            {
                w.WriteLine(string.Format(c, "  {0} #{1} from {2}: {3}; best coverage {4} nt", m.Class, m.Number, m.EntryId, m.Detail, m.BestCoverageNt));
            }
        }
    }
}
