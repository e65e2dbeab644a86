using System.CommandLine;
using Care.Cli.Hosting;
using Care.Core.Errors;
using Care.Core.Ids;
using Care.Hermes.Storage;
using Care.Hermes.Storage.Sqlite;
using Care.Trust.Identity;

namespace Care.Cli.Devices;

/// <summary><c>care device register|retire|revoke</c>: which identities Hermes accepts bundles from, and for whom.</summary>
internal static class DeviceRegisterCommand
{
    public static Command Register()
    {
        var id = new Option<string>("--id") { Description = "The device (patch) id, as it appears in its bundles' patchId", Required = true };
        var wearer = new Option<string>("--wearer") { Description = "The wearer the patch is for: it may write only this wearer's record", Required = true, HelpName = "WEARER" };
        var kiosk = new Option<string>("--kiosk") { Description = "The kiosk that issued the patch (recorded in the ledger)", DefaultValueFactory = _ => "operator", HelpName = "KIOSK" };
        var publicKey = new Option<string>("--public-key") { Description = "The device's public key file (written by 'care device keygen')", Required = true, HelpName = "FILE" };
        var algorithm = new Option<string>("--algorithm")
        {
            Description = "The identity's algorithm; only hybrid-ed25519-mldsa65 is accepted (classical-only RSA/ECDSA/Ed25519 are refused)",
            DefaultValueFactory = _ => HybridAlgorithms.Signature,
        };
        var db = CommonOptions.Database();
        var command = new Command("register", "Register a patch identity for one wearer so that Hermes accepts its sealed bundles into that wearer's record (and no other). DeviceRegistered goes to the ledger.")
        {
            id, wearer, kiosk, publicKey, algorithm, db,
        };
        CliAction.Set(command, async (parse, cancellationToken) =>
        {
            string file = parse.GetValue(publicKey)!;
            if (!File.Exists(file))
            {
                throw new InvalidInputException("--public-key", $"'{file}' does not exist or is not a file");
            }
            string device = parse.GetValue(id)!;
            if (!PatchId.TryParse(device, out _))
            {
                throw new InvalidInputException("--id", $"'{device}' is not a patch id ({IdText.Rule})");
            }
            if (!WearerId.TryParse(parse.GetValue(wearer), out var owner))
            {
                throw new InvalidInputException("--wearer", $"'{parse.GetValue(wearer)}' is not a wearer id ({IdText.Rule})");
            }
            byte[] key = string.Equals(parse.GetValue(algorithm), HybridAlgorithms.Signature, StringComparison.Ordinal)
                ? DeviceIdentityFile.ReadPublic(file).Export()
                : File.ReadAllBytes(file);
            await using var store = SqliteHermesStore.Open(parse.GetValue(db)!);
            await store.RegisterDeviceAsync(new DeviceEnrolment(device, parse.GetValue(algorithm)!, key, owner, parse.GetValue(kiosk)!, "operator", DateTimeOffset.UtcNow), cancellationToken);
            await store.PublishTreeHeadAsync(cancellationToken);
            await parse.InvocationConfiguration.Output.WriteLineAsync($"Registered device {device} ({parse.GetValue(algorithm)}) for wearer {owner} in {store.DatabasePath}");
            return ExitCodes.Ok;
        });
        return command;
    }

    public static Command Retire() => End("retire", DeviceEnd.Retired,
        "Retire a patch that came off the body after its data was acknowledged: Hermes refuses its bundles from now on. DeviceRetired goes to the ledger.");

    public static Command Revoke() => End("revoke", DeviceEnd.Revoked,
        "Revoke a lost, stolen or compromised patch: Hermes refuses its bundles from now on. DeviceRetired (reason revoked) goes to the ledger.");

    private static Command End(string name, DeviceEnd reason, string description)
    {
        var id = new Option<string>("--id") { Description = $"The device id to {name}", Required = true };
        var db = CommonOptions.Database();
        var command = new Command(name, description) { id, db };
        CliAction.Set(command, async (parse, cancellationToken) =>
        {
            await using var store = SqliteHermesStore.Open(parse.GetValue(db)!);
            if (!await store.EndDeviceAsync(parse.GetValue(id)!, reason, "operator", DateTimeOffset.UtcNow, cancellationToken))
            {
                throw new InvalidInputException("--id", $"no device '{parse.GetValue(id)}' is registered in {store.DatabasePath}");
            }
            await store.PublishTreeHeadAsync(cancellationToken);
            await parse.InvocationConfiguration.Output.WriteLineAsync($"{(reason == DeviceEnd.Revoked ? "Revoked" : "Retired")} device {parse.GetValue(id)}");
            return ExitCodes.Ok;
        });
        return command;
    }
}
