using System.CommandLine;
using System.CommandLine.Parsing;
using Care.Core.Errors;

namespace Care.Cli.Hosting;

/// <summary>
/// Wraps a command's work so that every command maps errors the same way: bad input to exit 2
/// with a one-line cause (a path that is a folder, missing or unreadable included), anything else
/// to exit 1 with its message, never an exception type name or a stack trace.
/// </summary>
public static class CliAction
{
    /// <summary>Set to <c>1</c> to print a failure's exception type and stack trace.</summary>
    public const string DebugVariable = "CARE_DEBUG";

    /// <summary>The command as the user typed its names, e.g. <c>care eval sepsis</c>: the prefix of every error line.</summary>
    public static string FullName(ParseResult parse)
    {
        ArgumentNullException.ThrowIfNull(parse);
        var names = new List<string>();
        for (var result = parse.CommandResult; result.Parent is CommandResult parent; result = parent)
        {
            names.Add(result.Command.Name);
        }
        names.Add("care");
        names.Reverse();
        return string.Join(' ', names);
    }

    /// <summary>Sets <paramref name="run"/> as the action of <paramref name="command"/>.</summary>
    public static void Set(Command command, Func<ParseResult, CancellationToken, Task<int>> run)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(run);
        command.SetAction(async (parse, cancel) =>
        {
            var error = parse.InvocationConfiguration.Error;
            string name = FullName(parse);
            try
            {
                return await run(parse, cancel);
            }
            catch (InvalidInputException e)
            {
                await error.WriteLineAsync($"{name}: {e.Message}");
                return ExitCodes.BadInput;
            }
            catch (Exception e) when (FileProblem.Describe(e) is { } cause)
            {
                // A path given on the command line that is a folder, missing or unreadable is bad input.
                await error.WriteLineAsync($"{name}: {cause}");
                return ExitCodes.BadInput;
            }
            catch (OperationCanceledException) when (cancel.IsCancellationRequested)
            {
                await error.WriteLineAsync($"{name}: cancelled");
                return ExitCodes.Failure;
            }
#pragma warning disable CA1031 // The CLI edge turns every other failure into exit 1 with its cause.
            catch (Exception e)
#pragma warning restore CA1031
            {
                // The cause in words; the exception's type and stack only when asked for ($CARE_DEBUG=1).
                await error.WriteLineAsync(Environment.GetEnvironmentVariable(DebugVariable) == "1"
                    ? $"{name}: failed: {e}"
                    : $"{name}: failed: {e.Message}");
                return ExitCodes.Failure;
            }
        });
    }
}
