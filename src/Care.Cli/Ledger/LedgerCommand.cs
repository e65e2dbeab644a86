using System.CommandLine;
using Care.Core.Storage;

namespace Care.Cli.Ledger;

/// <summary><c>care ledger …</c>: verify the Merkle ledger, print and check proofs, prove the log only grew.</summary>
internal static class LedgerCommand
{
    public static Command Create()
    {
        var command = new Command("ledger", "Verify the signed Merkle ledger of every consequential act, and print or check its proofs.");
        command.Subcommands.Add(LedgerVerifyCommand.Create());
        command.Subcommands.Add(LedgerProveCommand.Create());
        command.Subcommands.Add(LedgerCheckProofCommand.Create());
        command.Subcommands.Add(LedgerConsistencyCommand.Create());
        command.Subcommands.Add(LedgerWitnessCommand.Create());
        return command;
    }

    /// <summary>The <c>--db</c> option every ledger command takes.</summary>
    public static Option<string> DatabaseOption() => new("--db")
    {
        Description = $"The Hermes SQLite database holding the ledger (${CarePaths.DatabaseVariable} when set; its key files sit beside it as DB.ledger-key and DB.ledger-key.pub)",
        HelpName = "PATH",
        DefaultValueFactory = _ => CarePaths.DefaultDatabase,
    };

    public static Option<bool> JsonOption() => new("--json") { Description = "Print the result as JSON" };
}
