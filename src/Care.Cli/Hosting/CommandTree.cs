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
        yield return EcgCommands.Ecg();
        yield return Eval();
        yield return Train();
    }

    /// <summary><c>care train …</c>: each feature adds the models it can reproduce as subcommands.</summary>
    private static Command Train()
    {
        var train = new Command("train", "Train the models Care ships, reproducibly (fixed seeds).");
        foreach (var command in EcgCommands.Train())
        {
            train.Subcommands.Add(command);
        }
        return train;
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
