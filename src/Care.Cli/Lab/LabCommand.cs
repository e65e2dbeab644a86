using System.CommandLine;

namespace Care.Cli.Lab;

/// <summary><c>care lab …</c>: the autonomous lab's commands that are not evaluations.</summary>
internal static class LabCommand
{
    public static Command Create()
    {
        var command = new Command("lab", "The autonomous lab: run a simulated product check through the ledgered lab path, and check a job's result file offline against the lab ledger.");
        command.Subcommands.Add(LabSimulateCommand.Create());
        command.Subcommands.Add(LabVerifyCommand.Create());
        return command;
    }
}
