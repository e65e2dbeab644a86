using Care.Core.Errors;
using Care.Trust.Identity;

namespace Care.Trust.Ledger;

/// <summary>
/// The log's signing key beside its database: <c>DB.ledger-key</c> (the 64 seed bytes in hex,
/// created on first use with permissions 0600) and <c>DB.ledger-key.pub</c> (the public key in
/// base64, world-readable, all that <c>care ledger check-proof</c> needs).
/// </summary>
public static class LedgerKeyFile
{
    private const string PrivateHeader = "care-ledger-key-v1";
    private const string PublicHeader = "care-ledger-public-key-v1";

    /// <summary>The private key path for <paramref name="databasePath"/>.</summary>
    public static string PrivatePath(string databasePath) => databasePath + ".ledger-key";

    /// <summary>The public key path for <paramref name="databasePath"/>.</summary>
    public static string PublicPath(string databasePath) => PrivatePath(databasePath) + ".pub";

    /// <summary>
    /// Loads the key for <paramref name="databasePath"/>, creating it (0600) and its public file when
    /// both are absent. Throws <see cref="InvalidInputException"/> when the file is malformed, readable
    /// by group or others, or missing while its public file exists.
    /// </summary>
    public static HybridSigningKey LoadOrCreate(string databasePath)
    {
        ArgumentException.ThrowIfNullOrEmpty(databasePath);
        var path = PrivatePath(databasePath);
        if (!File.Exists(path) && File.Exists(PublicPath(databasePath)))
        {
            // A new key would silently fork the log's identity: every earlier signed head would stop verifying.
            throw new InvalidInputException(path, $"the log's signing key is missing but its public key {PublicPath(databasePath)} exists; restore the key file (a new key is created only for a new log)");
        }
        if (!File.Exists(path))
        {
            var created = HybridSigningKey.Generate();
            try
            {
                KeyFile.WriteSecret(path, PrivateHeader, created.ExportSeeds());
                KeyFile.WritePublic(PublicPath(databasePath), PublicHeader, created.PublicKey.Export());
                return created;
            }
            catch (IOException) when (File.Exists(path))
            {
                // Another process created it first: use theirs (below).
            }
        }
        var key = HybridSigningKey.FromSeeds(KeyFile.ReadSecret(path, PrivateHeader, HybridSigningKey.SeedBytes));
        if (!File.Exists(PublicPath(databasePath)))
        {
            KeyFile.WritePublic(PublicPath(databasePath), PublicHeader, key.PublicKey.Export());
        }
        return key;
    }

    /// <summary>Reads a public key file; throws <see cref="InvalidInputException"/> naming the file when absent or malformed.</summary>
    public static HybridVerificationKey ReadPublic(string publicKeyPath)
    {
        var bytes = KeyFile.ReadPublic(publicKeyPath, PublicHeader);
        try
        {
            return HybridVerificationKey.Import(bytes);
        }
        catch (ArgumentException e)
        {
            throw new InvalidInputException(publicKeyPath, $"malformed ledger public key: {e.Message}");
        }
    }
}
