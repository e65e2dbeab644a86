using System.CommandLine;
using Care.Cli.Hosting;
using Care.Core.Errors;
using Care.Trust.Ledger;

namespace Care.Cli.Ledger;

/// <summary><c>care ledger check-proof FILE</c>: verifies a proof offline with only the log's public key.</summary>
internal static class LedgerCheckProofCommand
{
    public static Command Create()
    {
        var command = new Command("check-proof", "Check a proof printed by 'care ledger prove' offline: entry hash, tree head signature and audit path. Exit 1 when it does not check.");
        var file = new Argument<string>("FILE") { Description = "The proof JSON file ('-' for standard input)" };
        var db = LedgerCommand.DatabaseOption();
        var publicKey = new Option<string?>("--public-key") { Description = "Log public key file (default: DB.ledger-key.pub beside --db)" };
        command.Arguments.Add(file);
        command.Options.Add(db);
        command.Options.Add(publicKey);
        CliAction.Set(command, async (parse, ct) =>
        {
            var path = parse.GetValue(file)!;
            string json;
            if (path == "-")
            {
                json = await Console.In.ReadToEndAsync(ct);
            }
            else if (!File.Exists(path))
            {
                throw new InvalidInputException(path, "proof file not found");
            }
            else
            {
                json = await File.ReadAllTextAsync(path, ct);
            }
            var key = LedgerKeyFile.ReadPublic(parse.GetValue(publicKey) ?? LedgerKeyFile.PublicPath(parse.GetValue(db)!));
            var document = InclusionProofDocument.Parse(json, path);
            var check = document.Check(key);
            var output = parse.InvocationConfiguration.Output;
            if (check.IsValid)
            {
                await output.WriteLineAsync($"proof OK: entry {document.Index} is in the log of {document.TreeHead.TreeSize} entries signed at {document.TreeHead.Timestamp:yyyy-MM-dd'T'HH:mm:ss.fff'Z'} by log key {key.KeyId[..16]}…");
                await output.WriteLineAsync(document.EntryText);
                return ExitCodes.Ok;
            }
            await output.WriteLineAsync($"proof BAD: {check.Failure}");
            return ExitCodes.Failure;
        });
        return command;
    }
}
