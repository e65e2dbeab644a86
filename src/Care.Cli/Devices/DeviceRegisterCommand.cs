using System.CommandLine;
using Care.Cli.Hosting;
using Care.Core.Errors;
using Care.Hermes.Storage.Sqlite;
using Care.Trust.Identity;

namespace Care.Cli.Devices;

/// <summary><c>care device register</c> and <c>care device revoke</c>: which identities Hermes accepts bundles from.</summary>
internal static class DeviceRegisterCommand
{
    public static Command Register()
    {
        var id = new Option<string>("--id") { Description = "The device (patch) id, as it appears in its bundles' patchId", Required = true };
        var publicKey = new Option<string>("--public-key") { Description = "The device's public key file (written by 'care device keygen')", Required = true, HelpName = "FILE" };
        var algorithm = new Option<string>("--algorithm")
        {
            Description = "The identity's algorithm; only hybrid-ed25519-mldsa65 is accepted (classical-only RSA/ECDSA/Ed25519 are refused)",
            DefaultValueFactory = _ => HybridAlgorithms.Signature,
        };
        var db = CommonOptions.Database();
        var command = new Command("register", "Register a device identity with Hermes so that its sealed bundles are accepted.") { id, publicKey, algorithm, db };
        CliAction.Set(command, async (parse, cancellationToken) =>
        {
            string file = parse.GetValue(publicKey)!;
            if (!File.Exists(file))
            {
                throw new InvalidInputException("--public-key", $"'{file}' does not exist");
            }
            byte[] key = string.Equals(parse.GetValue(algorithm), HybridAlgorithms.Signature, StringComparison.Ordinal)
                ? DeviceIdentityFile.ReadPublic(file).Export()
                : File.ReadAllBytes(file);
            await using var store = SqliteHermesStore.Open(parse.GetValue(db)!);
            await store.RegisterDeviceAsync(parse.GetValue(id)!, parse.GetValue(algorithm)!, key, DateTimeOffset.UtcNow, cancellationToken);
            await parse.InvocationConfiguration.Output.WriteLineAsync($"Registered device {parse.GetValue(id)} ({parse.GetValue(algorithm)}) in {store.DatabasePath}");
            return ExitCodes.Ok;
        });
        return command;
    }

    public static Command Revoke()
    {
        var id = new Option<string>("--id") { Description = "The device id to revoke", Required = true };
        var db = CommonOptions.Database();
        var command = new Command("revoke", "Revoke a device: Hermes refuses its bundles from now on.") { id, db };
        CliAction.Set(command, async (parse, cancellationToken) =>
        {
            await using var store = SqliteHermesStore.Open(parse.GetValue(db)!);
            if (!await store.RevokeDeviceAsync(parse.GetValue(id)!, DateTimeOffset.UtcNow, cancellationToken))
            {
                throw new InvalidInputException("--id", $"no device '{parse.GetValue(id)}' is registered in {store.DatabasePath}");
            }
            await parse.InvocationConfiguration.Output.WriteLineAsync($"Revoked device {parse.GetValue(id)}");
            return ExitCodes.Ok;
        });
        return command;
    }
}
