using System.CommandLine;
using System.Text.Json;
using Care.Cli.Hosting;
using Care.Hermes.Ledger;
using Care.Trust.Ledger;

namespace Care.Cli.Ledger;

/// <summary>
/// <c>care ledger verify</c>: recomputes the whole log, checks every signed tree head and the
/// consistency between them (and the heads a witness holds), names the first bad entry, reports the
/// entries after the newest head, and recomputes every stored bundle's content hash against its
/// <c>BundleAccepted</c> entry.
/// </summary>
internal static class LedgerVerifyCommand
{
    public static Command Create()
    {
        var command = new Command("verify",
            "Recompute every entry's hash and the tree; check every signed tree head, the consistency between successive heads, and heads a witness holds; " +
            "name the first bad entry; report entries after the newest head; and recompute every stored bundle's content hash against its BundleAccepted entry " +
            "(an edited, added or deleted observation, dose or event is named). Exit 1 when anything is bad.");
        var db = LedgerCommand.DatabaseOption();
        var publicKey = new Option<string?>("--public-key") { Description = "Log public key file to trust (default: DB.ledger-key.pub beside the database; pass a copy you hold elsewhere for real assurance)", HelpName = "FILE" };
        var witness = new Option<string[]>("--witness-state")
        {
            Description = "A witness's state file ('care ledger witness --state'): its signed heads are checked against the stored log too, so a truncation is caught even when the log's own newer heads were deleted",
            HelpName = "FILE",
            AllowMultipleArgumentsPerToken = true,
        };
        var noData = new Option<bool>("--ledger-only") { Description = "Check the ledger alone, not the stored bundles against it" };
        var json = LedgerCommand.JsonOption();
        command.Options.Add(db);
        command.Options.Add(publicKey);
        command.Options.Add(witness);
        command.Options.Add(noData);
        command.Options.Add(json);
        CliAction.Set(command, async (parse, ct) =>
        {
            var path = parse.GetValue(db)!;
            LedgerDatabase.RequireExisting(path);
            var key = LedgerKeyFile.ReadPublic(parse.GetValue(publicKey) ?? LedgerKeyFile.PublicPath(path));
            var witnessed = (parse.GetValue(witness) ?? []).Select(WitnessState.Load).Where(s => s.Head is not null).Select(s => s.Head!).ToList();
            using var file = LedgerDatabase.OpenReadOnly(path);
            var result = await LedgerVerifier.VerifyAsync(file.Ledger, key, witnessed, ct);
            ContentAuditResult? audit = null;
            if (!parse.GetValue(noData) && file.Content is { } content)
            {
                audit = await ContentAudit.RunAsync(file.Ledger, content, cancellationToken: ct);
            }
            bool valid = result.IsValid && (audit?.IsValid ?? true);
            var output = parse.InvocationConfiguration.Output;
            if (parse.GetValue(json))
            {
                await output.WriteLineAsync(JsonSerializer.Serialize(new
                {
                    valid,
                    entries = result.Entries,
                    treeHeads = result.TreeHeads,
                    witnessedHeads = witnessed.Count,
                    firstBadEntry = result.FirstBadEntry,
                    problem = result.Problem,
                    unsignedEntries = result.Unsigned,
                    newestHead = result.NewestHead is { } h ? new { treeSize = h.TreeSize, timestamp = h.Timestamp } : null,
                    keyId = key.KeyId,
                    content = audit is null ? null : new
                    {
                        valid = audit.IsValid,
                        bundlesChecked = audit.BundlesChecked,
                        bundlesAccepted = audit.BundlesAccepted,
                        problemCount = audit.ProblemCount,
                        problems = audit.Problems,
                    },
                }));
            }
            else
            {
                await output.WriteLineAsync(result.IsValid
                    ? $"ledger OK: {result.Entries} entries, {result.TreeHeads} signed tree heads checked ({witnessed.Count} from witnesses), consistent with one another (log key {key.KeyId[..16]}…)"
                    : $"ledger BAD: {result.Problem}" + (result.FirstBadEntry is { } bad ? $" (first bad entry: {bad})" : string.Empty));
                if (result.IsValid)
                {
                    await output.WriteLineAsync(result.NewestHead is { } newest
                        ? $"newest signed head: size {newest.TreeSize} at {newest.Timestamp:yyyy-MM-dd HH:mm:ss} UTC; {result.Unsigned} entries after it (not yet signed: Hermes signs them within its interval, or at shutdown)"
                        : $"no signed tree head yet: all {result.Unsigned} entries are unsigned (Hermes signs them within its interval, or at shutdown)");
                }
                if (audit is not null)
                {
                    await output.WriteLineAsync(audit.IsValid
                        ? $"records OK: {audit.BundlesChecked} stored bundles hash to the content their {audit.BundlesAccepted} BundleAccepted entries accepted"
                        : $"records BAD: {audit.ProblemCount} problems in {audit.BundlesChecked} stored bundles; first:");
                    foreach (var problem in audit.Problems)
                    {
                        await output.WriteLineAsync($"  {problem}");
                    }
                }
            }
            return valid ? ExitCodes.Ok : ExitCodes.Failure;
        });
        return command;
    }
}
