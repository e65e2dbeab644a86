using System.Security.Cryptography;
using Care.Hermes.Storage;

namespace Care.Hermes.Access;

/// <summary>
/// Issues and recognises bearer tokens. A token is 32 random bytes (base64url, prefixed
/// <c>care_</c>); Hermes stores only its SHA-256, so a copy of the database grants nothing.
/// Thread safe.
/// </summary>
public sealed class TokenIssuer(IHermesStore store, TimeProvider time)
{
    /// <summary>Prefix of every token's text, so leaked tokens are easy to recognise.</summary>
    public const string Prefix = "care_";

    /// <summary>Creates and stores a token; returns its record and its text (shown once, never stored).</summary>
    public async Task<(TokenRecord Record, string Token)> CreateAsync(Role role, CancellationToken cancellationToken = default)
    {
        if (!Enum.IsDefined(role))
        {
            throw new ArgumentOutOfRangeException(nameof(role), role, "unknown role");
        }
        string token = Prefix + Base64Url(RandomNumberGenerator.GetBytes(32));
        string id = "tok_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6));
        var record = new TokenRecord(id, Hash(token), role, time.GetUtcNow(), null);
        await store.AddTokenAsync(record, cancellationToken);
        return (record, token);
    }

    /// <summary>The valid (unrevoked) token with this text, or null.</summary>
    public async Task<TokenRecord?> FindAsync(string token, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 200 || !token.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return null;
        }
        var record = await store.FindTokenAsync(Hash(token), cancellationToken);
        return record is { RevokedAt: null } ? record : null;
    }

    /// <summary>Parses a role name as used on the command line and in the API (device, clinician, admin).</summary>
    public static bool TryParseRole(string? text, out Role role) =>
        Enum.TryParse(text, ignoreCase: true, out role) && Enum.IsDefined(role) && !int.TryParse(text, out _);

    private static byte[] Hash(string token) => SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(token));

    private static string Base64Url(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
