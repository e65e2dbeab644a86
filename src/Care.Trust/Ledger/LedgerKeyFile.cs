using System.Text;
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
    /// absent. Throws <see cref="InvalidInputException"/> when the file is malformed or readable by
    /// group or others.
    /// </summary>
    public static HybridSigningKey LoadOrCreate(string databasePath)
    {
        ArgumentException.ThrowIfNullOrEmpty(databasePath);
        var path = PrivatePath(databasePath);
        if (!File.Exists(path))
        {
            var created = HybridSigningKey.Generate();
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows())
            {
                options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            }
            try
            {
                using var stream = new FileStream(path, options);
                stream.Write(Encoding.ASCII.GetBytes($"{PrivateHeader}\n{Convert.ToHexStringLower(created.ExportSeeds())}\n"));
                stream.Flush(flushToDisk: true);
            }
            catch (IOException) when (File.Exists(path))
            {
                // Another process created it first: use theirs.
                return LoadOrCreate(databasePath);
            }
            WritePublic(databasePath, created.PublicKey);
            return created;
        }
        if (!OperatingSystem.IsWindows() && (File.GetUnixFileMode(path) & (UnixFileMode.GroupRead | UnixFileMode.OtherRead | UnixFileMode.GroupWrite | UnixFileMode.OtherWrite)) != 0)
        {
            throw new InvalidInputException(path, "ledger key file is readable or writable by group or others; run chmod 600 on it");
        }
        var lines = File.ReadAllLines(path);
        if (lines.Length < 2 || lines[0] != PrivateHeader || lines[1].Length != HybridSigningKey.SeedBytes * 2)
        {
            throw new InvalidInputException(path, $"not a ledger key file (expected '{PrivateHeader}' then {HybridSigningKey.SeedBytes * 2} hex digits)");
        }
        var key = HybridSigningKey.FromSeeds(Convert.FromHexString(lines[1]));
        if (!File.Exists(PublicPath(databasePath)))
        {
            WritePublic(databasePath, key.PublicKey);
        }
        return key;
    }

    /// <summary>Reads a public key file; throws <see cref="InvalidInputException"/> naming the file when absent or malformed.</summary>
    public static HybridVerificationKey ReadPublic(string publicKeyPath)
    {
        if (!File.Exists(publicKeyPath))
        {
            throw new InvalidInputException(publicKeyPath, "ledger public key file not found");
        }
        var lines = File.ReadAllLines(publicKeyPath);
        try
        {
            if (lines.Length >= 2 && lines[0] == PublicHeader)
            {
                return HybridVerificationKey.Import(Convert.FromBase64String(lines[1]));
            }
        }
        catch (Exception e) when (e is FormatException or ArgumentException)
        {
            throw new InvalidInputException(publicKeyPath, $"malformed ledger public key: {e.Message}");
        }
        throw new InvalidInputException(publicKeyPath, $"not a ledger public key file (expected '{PublicHeader}' then base64)");
    }

    private static void WritePublic(string databasePath, HybridVerificationKey key) =>
        File.WriteAllText(PublicPath(databasePath), $"{PublicHeader}\n{Convert.ToBase64String(key.Export())}\n");
}
