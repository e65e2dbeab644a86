using Care.Core.Errors;

namespace Care.Trust.Identity;

/// <summary>
/// A device's hybrid signing identity on disk: <c>PATH</c> (seeds, hex, 0600) and <c>PATH.pub</c>
/// (public key, base64) — the public file is what a registrar needs.
/// </summary>
public static class DeviceIdentityFile
{
    private const string PrivateHeader = "care-device-identity-v1";

    /// <summary>The header line of the public file.</summary>
    public const string PublicHeader = "care-device-public-key-v1";

    /// <summary>
    /// Creates a new identity at <paramref name="path"/> and <c>path.pub</c>. Throws
    /// <see cref="InvalidInputException"/> when a file is already there (identities are never overwritten).
    /// </summary>
    public static HybridSigningKey Create(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (File.Exists(path))
        {
            throw new InvalidInputException(path, "a key file already exists here; identities are never overwritten");
        }
        var key = HybridSigningKey.Generate();
        KeyFile.WriteSecret(path, PrivateHeader, key.ExportSeeds());
        KeyFile.WritePublic(path + ".pub", PublicHeader, key.PublicKey.Export());
        return key;
    }

    /// <summary>Loads the identity at <paramref name="path"/>; throws <see cref="InvalidInputException"/> naming the file when unusable.</summary>
    public static HybridSigningKey Load(string path) =>
        HybridSigningKey.FromSeeds(KeyFile.ReadSecret(path, PrivateHeader, HybridSigningKey.SeedBytes));

    /// <summary>Reads a device public key file written by <see cref="Create"/>.</summary>
    public static HybridVerificationKey ReadPublic(string publicPath)
    {
        try
        {
            return HybridVerificationKey.Import(KeyFile.ReadPublic(publicPath, PublicHeader));
        }
        catch (ArgumentException e)
        {
            throw new InvalidInputException(publicPath, $"malformed device public key: {e.Message}");
        }
    }
}
