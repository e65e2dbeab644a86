using System.CommandLine;
using System.Text.Json;
using Care.Cli.Hosting;
using Care.Trust.Ledger;

namespace Care.Cli.Ledger;

/// <summary><c>care ledger verify</c>: recomputes the whole log and checks every signed tree head.</summary>
internal static class LedgerVerifyCommand
{
    public static Command Create()
    {
        var command = new Command("verify", "Recompute every entry's hash and the tree, check every signed tree head; report the first bad entry. Exit 1 when the log is bad.");
        var db = LedgerCommand.DatabaseOption();
        var publicKey = new Option<string?>("--public-key") { Description = "Log public key file to trust (default: DB.ledger-key.pub beside the database; pass a copy you hold elsewhere for real assurance)" };
        var json = LedgerCommand.JsonOption();
        command.Options.Add(db);
        command.Options.Add(publicKey);
        command.Options.Add(json);
        CliAction.Set(command, async (parse, ct) =>
        {
            var path = parse.GetValue(db)!;
            LedgerDatabase.RequireExisting(path);
            var key = LedgerKeyFile.ReadPublic(parse.GetValue(publicKey) ?? LedgerKeyFile.PublicPath(path));
            using var connection = LedgerDatabase.OpenReadOnly(path);
            var result = LedgerVerifier.Verify(connection, key);
            var output = parse.InvocationConfiguration.Output;
            if (parse.GetValue(json))
            {
                await output.WriteLineAsync(JsonSerializer.Serialize(new
                {
                    valid = result.IsValid,
                    entries = result.Entries,
                    treeHeads = result.TreeHeads,
                    firstBadEntry = result.FirstBadEntry,
                    problem = result.Problem,
                    unsignedEntries = result.Unsigned,
                    keyId = key.KeyId,
                }));
            }
            else if (result.IsValid)
            {
                await output.WriteLineAsync($"ledger OK: {result.Entries} entries, {result.TreeHeads} signed tree heads checked, {result.Unsigned} entries after the last signed head (log key {key.KeyId[..16]}…)");
            }
            else
            {
                await output.WriteLineAsync($"ledger BAD: {result.Problem}" + (result.FirstBadEntry is { } bad ? $" (first bad entry: {bad})" : string.Empty));
            }
            return result.IsValid ? ExitCodes.Ok : ExitCodes.Failure;
        });
        return command;
    }
}
