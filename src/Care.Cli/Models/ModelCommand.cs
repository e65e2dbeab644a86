using System.CommandLine;
using System.Security.Cryptography;
using Care.Cli.Hosting;
using Care.Core.Errors;
using Care.Hermes.Storage.Sqlite;

namespace Care.Cli.Models;

/// <summary><c>care model release</c>: write an on-device model's hash to the ledger, the only way kiosks will load it.</summary>
internal static class ModelCommand
{
    public static Command Create()
    {
        var file = new Option<string>("--file") { Description = "The model file to release", Required = true, HelpName = "FILE" };
        var name = new Option<string>("--name") { Description = "Model name, e.g. beats or sepsis", Required = true };
        var version = new Option<string>("--version") { Description = "Release version", Required = true };
        var db = CommonOptions.Database();
        var release = new Command("release", "Release an on-device model: its SHA-256 is written to the ledger (ModelReleased); kiosks load only models proven there.")
        {
            file, name, version, db,
        };
        CliAction.Set(release, async (parse, cancellationToken) =>
        {
            string path = parse.GetValue(file)!;
            if (!File.Exists(path))
            {
                throw new InvalidInputException("--file", $"'{path}' does not exist");
            }
            string sha = Convert.ToHexStringLower(await SHA256.HashDataAsync(File.OpenRead(path), cancellationToken));
            await using var store = SqliteHermesStore.Open(parse.GetValue(db)!);
            long index = await store.ReleaseModelAsync(parse.GetValue(name)!, parse.GetValue(version)!, sha, $"cli:{Environment.UserName}", DateTimeOffset.UtcNow, cancellationToken);
            await parse.InvocationConfiguration.Output.WriteLineAsync(
                $"Released {parse.GetValue(name)} {parse.GetValue(version)} (sha256 {sha}) as ledger entry {index} in {store.DatabasePath}");
            return ExitCodes.Ok;
        });
        return new Command("model", "On-device model releases, recorded in the ledger.") { release };
    }
}
