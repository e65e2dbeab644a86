using System.CommandLine;
using System.Text.Json;
using Care.Cli.Hosting;
using Care.Trust.Identity;

namespace Care.Cli.Devices;

/// <summary><c>care device keygen --out PATH</c>: creates a device identity (PATH, 0600) and its public key (PATH.pub).</summary>
internal static class DeviceKeygenCommand
{
    public static Command Create()
    {
        var command = new Command("keygen", "Create a new hybrid device identity: the secret key file (permissions 0600) and PATH.pub, the public key a registrar needs. Never overwrites.");
        var output = new Option<string>("--out") { Description = "Path of the secret key file to create", Required = true };
        var json = new Option<bool>("--json") { Description = "Print the result as JSON" };
        command.Options.Add(output);
        command.Options.Add(json);
        CliAction.Set(command, async (parse, ct) =>
        {
            var path = Path.GetFullPath(parse.GetValue(output)!);
            var key = DeviceIdentityFile.Create(path);
            var writer = parse.InvocationConfiguration.Output;
            if (parse.GetValue(json))
            {
                await writer.WriteLineAsync(JsonSerializer.Serialize(new { keyFile = path, publicKeyFile = path + ".pub", algorithm = HybridAlgorithms.Signature, keyId = key.PublicKey.KeyId }));
            }
            else
            {
                await writer.WriteLineAsync($"created {HybridAlgorithms.Signature} identity {key.PublicKey.KeyId}");
                await writer.WriteLineAsync($"  secret key: {path} (0600; keep it on the device)");
                await writer.WriteLineAsync($"  public key: {path}.pub (give this to the registrar)");
            }
            return ExitCodes.Ok;
        });
        return command;
    }
}
