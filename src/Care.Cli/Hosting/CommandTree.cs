using System.CommandLine;

namespace Care.Cli.Hosting;

/// <summary>
/// The list of top-level commands. A feature adds its command here with one line; the command
/// itself lives in the feature's own folder of this project.
/// </summary>
internal static class CommandTree
{
    public static IEnumerable<Command> TopLevel()
    {
        yield return Metabolic.EvalT1dCommand.Eval();
    }
}
