using System.CommandLine;
using System.Globalization;
using Care.Cli.Hosting;
using Care.Core.Errors;
using Care.Lab.Runs;
using Care.Trust.Ledger;

namespace Care.Cli.Lab;

/// <summary>
/// <c>care lab simulate --out DIR [--seed N] [--reads N] [--payload PERCENT]</c>: one product check
/// through the lab path with simulated instruments (attested sequencer, authorised single-use job,
/// reads mapped to the order), writing the result file, the signed lab ledger and its public key
/// into DIR for <c>care lab verify</c>.
/// </summary>
internal static class LabSimulateCommand
{
    public static Command Create()
    {
        var outDir = new Option<string>("--out") { Description = "Folder for JOB.fastq, lab-ledger.json and the ledger key (created when missing).", Required = true };
        var seed = new Option<int>("--seed") { Description = "Seed of the product, payload and reads.", DefaultValueFactory = _ => 2026 };
        var reads = new Option<int>("--reads") { Description = "Reads sequenced (100..1000000).", DefaultValueFactory = _ => 10_000 };
        var payload = new Option<double>("--payload") { Description = "Percent of molecules that are an extra construct (0 = clean product; below 50).", DefaultValueFactory = _ => 0 };
        var command = new Command("simulate", "Run one product check through the ledgered lab path with simulated instruments and write what 'care lab verify' checks.") { outDir, seed, reads, payload };
        CliAction.Set(command, async (parse, cancel) =>
        {
            var folder = parse.GetValue(outDir)!;
            var percent = parse.GetValue(payload);
            var options = new ProductCheckOptions(parse.GetValue(seed), parse.GetValue(reads), percent / 100);
            if (options.Reads is < 100 or > 1_000_000)
            {
                throw new InvalidInputException("--reads", $"must be 100..1000000, got {options.Reads}");
            }
            if (!(percent is >= 0 and < 50))
            {
                throw new InvalidInputException("--payload", string.Create(CultureInfo.InvariantCulture, $"must be a percent from 0 to below 50, got {percent}"));
            }
            if (File.Exists(folder))
            {
                throw new InvalidInputException(folder, "is a file; --out needs a folder");
            }
            Directory.CreateDirectory(folder);
            var keyBase = Path.Combine(folder, "lab");
            var key = LedgerKeyFile.LoadOrCreate(keyBase);
            var result = await Task.Run(() => ProductCheckRun.Run(options, key, TimeProvider.System), cancel);
            var fastqPath = Path.Combine(folder, result.JobId + ".fastq");
            var ledgerPath = Path.Combine(folder, "lab-ledger.json");
            await File.WriteAllBytesAsync(fastqPath, result.ResultFastq, cancel);
            await File.WriteAllTextAsync(ledgerPath, result.LedgerExport, cancel);
            var v = result.Verification;
            var w = parse.InvocationConfiguration.Output;
            var c = CultureInfo.InvariantCulture;
            await w.WriteLineAsync(string.Format(c, "job {0}: {1} reads, {2} belong, {3} foreign, median depth {4:F0}, mean identity {5:P1} -> {6}",
                result.JobId, v.Reads, v.ReadsBelonging, v.ForeignReads, v.MedianDepth, v.MeanIdentity, result.Completed.Outcome));
            foreach (var reason in v.Reasons)
            {
                await w.WriteLineAsync($"  quarantined because: {reason}");
            }
            await w.WriteLineAsync($"result:     {fastqPath} (SHA-256 {result.Completed.ResultSha256[..16]}… in the ledger)");
            await w.WriteLineAsync($"ledger:     {ledgerPath}");
            await w.WriteLineAsync($"public key: {LedgerKeyFile.PublicPath(keyBase)}");
            await w.WriteLineAsync($"check it:   care lab verify {result.JobId} --result {fastqPath} --ledger {ledgerPath} --public-key {LedgerKeyFile.PublicPath(keyBase)}");
            return ExitCodes.Ok;
        });
        return command;
    }
}
