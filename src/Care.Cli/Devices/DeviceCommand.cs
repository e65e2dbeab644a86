using System.CommandLine;

namespace Care.Cli.Devices;

/// <summary><c>care device …</c>: device identities (hybrid Ed25519 + ML-DSA-65).</summary>
internal static class DeviceCommand
{
    public static Command Create()
    {
        var command = new Command("device", "Device identities: hybrid Ed25519 + ML-DSA-65 keys that sign sealed bundles.");
        command.Subcommands.Add(DeviceKeygenCommand.Create());
        command.Subcommands.Add(DeviceRegisterCommand.Register());
        command.Subcommands.Add(DeviceRegisterCommand.Retire());
        command.Subcommands.Add(DeviceRegisterCommand.Revoke());
        return command;
    }
}
