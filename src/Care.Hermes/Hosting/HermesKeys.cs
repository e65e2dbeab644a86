using Care.Trust.Identity;

namespace Care.Hermes.Hosting;

/// <summary>Where Hermes keeps its own keys: files beside its database, readable by the owner only.</summary>
public static class HermesKeys
{
    /// <summary>The recipient (key-establishment) key file that patches seal bundles for: <c>DB.recipient-key</c>, public half in <c>.pub</c>.</summary>
    public static string RecipientPath(string databasePath) => Path.GetFullPath(databasePath) + ".recipient-key";

    /// <summary>Loads Hermes's recipient key, creating it on first use.</summary>
    public static HybridKemPrivateKey Recipient(string databasePath) => RecipientKeyFile.LoadOrCreate(RecipientPath(databasePath));
}
