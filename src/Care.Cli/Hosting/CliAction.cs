using System.CommandLine;
using Care.Core.Errors;

namespace Care.Cli.Hosting;

/// <summary>
/// Wraps a command's work so that every command maps errors the same way: bad input to exit 2
/// with a one-line cause (a path that is a folder, missing or unreadable included), anything else
/// to exit 1 with its message, never an exception type name or a stack trace.
/// </summary>
public static class CliAction
{
    /// <summary>Sets <paramref name="run"/> as the action of <paramref name="command"/>.</summary>
    public static void Set(Command command, Func<ParseResult, CancellationToken, Task<int>> run)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(run);
        command.SetAction(async (parse, cancel) =>
        {
            var error = parse.InvocationConfiguration.Error;
            try
            {
                return await run(parse, cancel);
            }
            catch (InvalidInputException e)
            {
                await error.WriteLineAsync($"care {command.Name}: {e.Message}");
                return ExitCodes.BadInput;
            }
            catch (Exception e) when (FileProblem.Describe(e) is { } cause)
            {
                // A path given on the command line that is a folder, missing or unreadable is bad input.
                await error.WriteLineAsync($"care {command.Name}: {cause}");
                return ExitCodes.BadInput;
            }
            catch (OperationCanceledException) when (cancel.IsCancellationRequested)
            {
                await error.WriteLineAsync($"care {command.Name}: cancelled");
                return ExitCodes.Failure;
            }
#pragma warning disable CA1031 // The CLI edge turns every other failure into exit 1 with its cause.
            catch (Exception e)
#pragma warning restore CA1031
            {
                await error.WriteLineAsync($"care {command.Name}: failed: {e.Message}");
                return ExitCodes.Failure;
            }
        });
    }
}
