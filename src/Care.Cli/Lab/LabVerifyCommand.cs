using System.CommandLine;
using Care.Cli.Hosting;
using Care.Core.Errors;
using Care.Lab.Ledger;
using Care.Trust.Ledger;

namespace Care.Cli.Lab;

/// <summary>
/// <c>care lab verify JOB --result FILE --ledger FILE --public-key FILE</c>: checks a lab job's result
/// file against an exported lab ledger with only the ledger's public key. Exit 0 when the signed ledger
/// holds the job as authorised, started and completed with exactly this file's SHA-256; exit 1 when it
/// does not (printing why); exit 2 when a file is missing or unreadable.
/// </summary>
internal static class LabVerifyCommand
{
    /// <summary>Result files above this are refused (a sequencing run's FASTQ for a product is far smaller).</summary>
    private const long MaxResultBytes = 2L * 1024 * 1024 * 1024;

    public static Command Create()
    {
        var job = new Argument<string>("JOB") { Description = "The job id (e.g. verify-2026)" };
        var result = new Option<string>("--result") { Description = "The job's result file", Required = true };
        var ledger = new Option<string>("--ledger") { Description = "The exported lab ledger (JSON)", Required = true };
        var publicKey = new Option<string>("--public-key") { Description = "The lab ledger's public key file", Required = true };
        var command = new Command("verify", "Check a lab job's result file offline against the signed lab ledger: exit 0 when it is exactly what the ledger recorded, 1 when not.") { result, ledger, publicKey };
        command.Arguments.Add(job);
        CliAction.Set(command, async (parse, cancel) =>
        {
            var resultPath = parse.GetValue(result)!;
            var ledgerPath = parse.GetValue(ledger)!;
            var key = LedgerKeyFile.ReadPublic(parse.GetValue(publicKey)!);
            var resultBytes = await ReadAsync(resultPath, MaxResultBytes, cancel);
            var ledgerText = System.Text.Encoding.UTF8.GetString(await ReadAsync(ledgerPath, 512L * 1024 * 1024, cancel));
            var w = parse.InvocationConfiguration.Output;
            try
            {
                var completed = LabLedgerVerifier.VerifyResult(ledgerText, ledgerPath, key, parse.GetValue(job)!, resultBytes);
                await w.WriteLineAsync($"result OK: job {completed.JobId} on {completed.InstrumentId} completed {completed.At:yyyy-MM-dd'T'HH:mm:ss'Z'} with outcome '{completed.Outcome}'; {resultPath} is exactly the ledgered result (SHA-256 {completed.ResultSha256[..16]}…), ledger signed by key {key.KeyId[..16]}…");
                return ExitCodes.Ok;
            }
            catch (InvalidInputException e)
            {
                await w.WriteLineAsync($"result BAD: {e.Message}");
                return ExitCodes.Failure;
            }
        });
        return command;
    }

    private static async Task<byte[]> ReadAsync(string path, long limit, CancellationToken cancel)
    {
        if (Directory.Exists(path))
        {
            throw new InvalidInputException(path, "is a folder, not a file");
        }
        if (!File.Exists(path))
        {
            throw new InvalidInputException(path, "file not found");
        }
        var length = new FileInfo(path).Length;
        if (length > limit)
        {
            throw new InvalidInputException(path, $"{length} bytes is more than the {limit} allowed");
        }
        return await File.ReadAllBytesAsync(path, cancel);
    }
}
