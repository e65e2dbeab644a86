namespace Care.Trust.Identity;

/// <summary>Recognises names of classical-only signature algorithms, which Care refuses.</summary>
internal static class ClassicalAlgorithms
{
    private static readonly string[] Prefixes = ["rsa", "ecdsa", "ec-", "p-256", "p256", "p-384", "secp", "ed25519", "ed448", "dsa"];

    public static bool IsClassicalOnly(string algorithm) =>
        Prefixes.Any(p => algorithm.StartsWith(p, StringComparison.OrdinalIgnoreCase));
}
