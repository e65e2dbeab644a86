using System.CommandLine;
using Care.Cli.Hosting;
using Care.Core.Errors;

namespace Care.Cli.Ledger;

/// <summary><c>care ledger prove ENTRY_ID</c>: prints an inclusion proof with its signed tree head as JSON.</summary>
internal static class LedgerProveCommand
{
    public static Command Create()
    {
        var command = new Command("prove", "Print the inclusion proof of one entry and the signed tree head it leads to, as JSON (signs a new head if the latest does not cover the entry).");
        var entry = new Argument<long>("ENTRY_ID") { Description = "The entry's 0-based index in the log" };
        var db = LedgerCommand.DatabaseOption();
        command.Arguments.Add(entry);
        command.Options.Add(db);
        CliAction.Set(command, async (parse, ct) =>
        {
            using var store = LedgerDatabase.OpenStore(parse.GetValue(db)!);
            var index = parse.GetValue(entry);
            var size = store.Size;
            if (index < 0 || index >= size)
            {
                throw new InvalidInputException("ENTRY_ID", $"entry {index} does not exist (the log has {size} entries, 0 to {size - 1})");
            }
            // An operator asking for a proof of an entry no head covers yet signs one now (Hermes would within its interval).
            var proof = store.Prove(index) ?? (store.PublishTreeHead() is not null ? store.Prove(index) : null);
            await parse.InvocationConfiguration.Output.WriteLineAsync(proof!.ToJson());
            return ExitCodes.Ok;
        });
        return command;
    }
}
