using Care.Core.Errors;
using Care.Trust.Bundles;
using Care.Trust.Identity;

namespace Care.Trust.Tests.Identity;

public sealed class KeyFileTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("care-keyfile-test-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void Device_identity_and_recipient_key_files_round_trip_and_a_bundle_sealed_with_them_opens()
    {
        var devicePath = Path.Combine(_directory, "patch.key");
        var recipientPath = Path.Combine(_directory, "hermes.kem");
        var device = DeviceIdentityFile.Create(devicePath);
        var recipient = RecipientKeyFile.LoadOrCreate(recipientPath);
        Assert.Equal(device.PublicKey, DeviceIdentityFile.Load(devicePath).PublicKey);
        Assert.Equal(recipient.PublicKey.KeyId, RecipientKeyFile.LoadOrCreate(recipientPath).PublicKey.KeyId);

        var registry = new DeviceRegistry();
        registry.Register("patch-1", HybridAlgorithms.Signature, DeviceIdentityFile.ReadPublic(devicePath + ".pub").Export());
        var sealedBundle = BundleSealer.Seal([1, 2, 3], "patch-1", 1, DeviceIdentityFile.Load(devicePath), RecipientKeyFile.ReadPublic(recipientPath + ".pub"), DateTimeOffset.UnixEpoch);
        Assert.Equal([1, 2, 3], new BundleOpener(RecipientKeyFile.LoadOrCreate(recipientPath), registry, new SequenceTracker()).Open(sealedBundle).Payload);
    }

    [Fact]
    public void Existing_device_identity_is_never_overwritten()
    {
        var path = Path.Combine(_directory, "patch.key");
        var first = DeviceIdentityFile.Create(path);
        Assert.Throws<InvalidInputException>(() => DeviceIdentityFile.Create(path));
        Assert.Equal(first.PublicKey, DeviceIdentityFile.Load(path).PublicKey);
    }

    [Fact]
    public void Secret_key_file_readable_by_others_is_refused()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "Unix permissions only");
        var path = Path.Combine(_directory, "patch.key");
        DeviceIdentityFile.Create(path);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.OtherRead);
        }
        var error = Assert.Throws<InvalidInputException>(() => DeviceIdentityFile.Load(path));
        Assert.Contains("chmod 600", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Key_file_of_another_kind_or_damaged_is_refused_with_the_file_named()
    {
        var recipientPath = Path.Combine(_directory, "hermes.kem");
        RecipientKeyFile.LoadOrCreate(recipientPath);
        var error = Assert.Throws<InvalidInputException>(() => DeviceIdentityFile.Load(recipientPath));
        Assert.Contains(recipientPath, error.Message, StringComparison.Ordinal);
        var publicPath = recipientPath + ".pub";
        File.WriteAllText(publicPath, "care-recipient-public-key-v1\nnot base64!\n");
        Assert.Throws<InvalidInputException>(() => RecipientKeyFile.ReadPublic(publicPath));
    }
}
