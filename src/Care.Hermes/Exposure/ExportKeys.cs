using Care.Epidemic.Exports;
using Care.Trust.Identity;

namespace Care.Hermes.Exposure;

/// <summary>
/// Hermes's two export-signing keys, in files beside its database (secret files 0600, created on
/// first use; public files world-readable for kiosks and GAEN clients): <c>DB.export-ecdsa-key</c>
/// (+ <c>.pem</c>, SubjectPublicKeyInfo) and <c>DB.export-hybrid-key</c> (+ <c>.pub</c>).
/// </summary>
public sealed class ExportKeys : IDisposable
{
    /// <summary>Key id written into every signature info.</summary>
    public const string KeyId = "care-hermes";

    /// <summary>Version of the ECDSA key.</summary>
    public const string EcdsaVersion = "v1";

    /// <summary>Version of the hybrid key.</summary>
    public const string HybridVersion = "hybrid-v1";

    private const string EcdsaHeader = "care-export-ecdsa-p256-key-v1";
    private const string HybridHeader = "care-export-hybrid-key-v1";
    private const string HybridPublicHeader = "care-export-hybrid-public-key-v1";

    private ExportKeys(EcdsaP256ExportKey ecdsa, HybridExportSigner hybrid)
    {
        Ecdsa = ecdsa;
        Hybrid = hybrid;
    }

    /// <summary>The ECDSA P-256 key (what every GAEN client verifies).</summary>
    public EcdsaP256ExportKey Ecdsa { get; }

    /// <summary>The hybrid post-quantum key.</summary>
    public HybridExportSigner Hybrid { get; }

    /// <summary>Both signers, ECDSA first (the order of the signatures in <c>export.sig</c>).</summary>
    public IReadOnlyList<IExportSigner> Signers => [Ecdsa, Hybrid];

    /// <summary>The ECDSA private key file for <paramref name="databasePath"/>.</summary>
    public static string EcdsaPath(string databasePath) => Path.GetFullPath(databasePath) + ".export-ecdsa-key";

    /// <summary>The hybrid private key file for <paramref name="databasePath"/>.</summary>
    public static string HybridPath(string databasePath) => Path.GetFullPath(databasePath) + ".export-hybrid-key";

    /// <summary>Loads both keys, creating each (and its public file) on first use.</summary>
    /// <exception cref="Core.Errors.InvalidInputException">A key file is malformed or readable by others (named).</exception>
    public static ExportKeys LoadOrCreate(string databasePath)
    {
        ArgumentException.ThrowIfNullOrEmpty(databasePath);
        string ecdsaPath = EcdsaPath(databasePath);
        if (!File.Exists(ecdsaPath))
        {
            using var created = EcdsaP256ExportKey.Create(KeyId, EcdsaVersion);
            TryCreate(ecdsaPath, EcdsaHeader, created.ExportPrivateKey());
        }
        var ecdsa = EcdsaP256ExportKey.FromPrivateKey(KeyFile.ReadSecret(ecdsaPath, EcdsaHeader, EcdsaP256ExportKey.PrivateKeyBytes), KeyId, EcdsaVersion);
        File.WriteAllText(ecdsaPath + ".pem", ecdsa.PublicKeyPem());
        string hybridPath = HybridPath(databasePath);
        if (!File.Exists(hybridPath))
        {
            TryCreate(hybridPath, HybridHeader, HybridSigningKey.Generate().ExportSeeds());
        }
        var hybrid = HybridSigningKey.FromSeeds(KeyFile.ReadSecret(hybridPath, HybridHeader, HybridSigningKey.SeedBytes));
        KeyFile.WritePublic(hybridPath + ".pub", HybridPublicHeader, hybrid.PublicKey.Export());
        return new ExportKeys(ecdsa, new HybridExportSigner(hybrid, KeyId, HybridVersion));
    }

    private static void TryCreate(string path, string header, byte[] secret)
    {
        try
        {
            KeyFile.WriteSecret(path, header, secret);
        }
        catch (IOException) when (File.Exists(path))
        {
            // Another process created it first: use theirs.
        }
        finally
        {
            Array.Clear(secret);
        }
    }

    /// <inheritdoc/>
    public void Dispose() => Ecdsa.Dispose();
}
