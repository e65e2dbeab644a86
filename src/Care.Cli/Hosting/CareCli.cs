using System.CommandLine;

namespace Care.Cli.Hosting;

/// <summary>
/// Builds the <c>care</c> command tree and runs it with Care's exit codes:
/// 0 ok, 1 failure, 2 bad input (with a one-line cause on stderr).
/// </summary>
public static class CareCli
{
    /// <summary>The command tree. Each feature contributes one top-level command.</summary>
    public static RootCommand BuildRoot()
    {
        var root = new RootCommand(
            "Care: continuous, verifiable care. Patches watch and dose, kiosks exchange, Hermes keeps the record.");
        foreach (var command in CommandTree.TopLevel())
        {
            root.Subcommands.Add(command);
        }
        return root;
    }

    /// <summary>Parses and runs <paramref name="args"/>; returns the process exit code.</summary>
    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(args);
        var parse = BuildRoot().Parse(args);
        if (parse.Errors.Count > 0)
        {
            string cause = string.Join("; ", parse.Errors.Select(e => OneLine(e.Message)).Distinct());
            string path = CommandPath(parse);
            await error.WriteLineAsync($"care: {cause} (see 'care {(path.Length == 0 ? "" : path + " ")}--help')");
            return ExitCodes.BadInput;
        }
        var config = new InvocationConfiguration { Output = output, Error = error };
        return await parse.InvokeAsync(config);
    }

    private static string OneLine(string message) =>
        string.Join(' ', message.Split(['\r', '\n', '\t'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));

    private static string CommandPath(ParseResult parse)
    {
        var names = new List<string>();
        for (var r = parse.CommandResult; r is not null; r = r.Parent as System.CommandLine.Parsing.CommandResult)
        {
            if (r.Command is not RootCommand)
            {
                names.Insert(0, r.Command.Name);
            }
        }
        return string.Join(' ', names);
    }
}
