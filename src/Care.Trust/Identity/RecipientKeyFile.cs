using Care.Core.Errors;

namespace Care.Trust.Identity;

/// <summary>
/// A bundle recipient's (Hermes's) hybrid KEM key on disk: <c>PATH</c> (seeds, hex, 0600, created on
/// first use) and <c>PATH.pub</c> (public key, base64) that devices seal bundles for.
/// </summary>
public static class RecipientKeyFile
{
    private const string PrivateHeader = "care-recipient-kem-key-v1";
    private const string PublicHeader = "care-recipient-public-key-v1";

    /// <summary>Loads the key at <paramref name="path"/>, creating it and <c>path.pub</c> when absent.</summary>
    public static HybridKemPrivateKey LoadOrCreate(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (!File.Exists(path))
        {
            var created = HybridKemPrivateKey.Generate();
            try
            {
                KeyFile.WriteSecret(path, PrivateHeader, created.ExportSeeds());
                KeyFile.WritePublic(path + ".pub", PublicHeader, created.PublicKey.Export());
                return created;
            }
            catch (IOException) when (File.Exists(path))
            {
                // Another process created it first: use theirs (below).
            }
        }
        return HybridKemPrivateKey.FromSeeds(KeyFile.ReadSecret(path, PrivateHeader, HybridKemPrivateKey.SeedBytes));
    }

    /// <summary>Reads a recipient public key file.</summary>
    public static HybridKemPublicKey ReadPublic(string publicPath)
    {
        try
        {
            return HybridKemPublicKey.Import(KeyFile.ReadPublic(publicPath, PublicHeader));
        }
        catch (ArgumentException e)
        {
            throw new InvalidInputException(publicPath, $"malformed recipient public key: {e.Message}");
        }
    }
}
