using System.CommandLine;
using Care.Cli.Ecg;

namespace Care.Cli.Hosting;

/// <summary>
/// The list of top-level commands. A feature adds its command here with one line; the command
/// itself lives in the feature's own folder of this project.
/// </summary>
internal static class CommandTree
{
    public static IEnumerable<Command> TopLevel()
    {
        yield return Demo.DemoCommand.Create();
        yield return Serve.ServeCommand.Create();
        yield return Tokens.TokenCommand.Create();
        yield return Bench.BenchCommand.Create();
        yield return Ledger.LedgerCommand.Create();
        yield return Devices.DeviceCommand.Create();
        foreach (var c in Sepsis.SepsisCommands.TopLevel()) { yield return c; }
        yield return Metabolic.EvalT1dCommand.Eval();
        yield return EcgCommands.Ecg();
        yield return Eval();
    }

    /// <summary><c>care eval …</c>: each feature adds its accuracy measurements as subcommands.</summary>
    private static Command Eval()
    {
        var eval = new Command("eval", "Measure accuracy on real public reference data (../shared/data).");
        foreach (var command in EcgCommands.Eval())
        {
            eval.Subcommands.Add(command);
        }
        return eval;
    }
}
