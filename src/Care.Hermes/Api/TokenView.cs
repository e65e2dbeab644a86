using Care.Hermes.Storage;

namespace Care.Hermes.Api;

/// <summary>A token as the API and the command line show it: never its secret or its hash.</summary>
public static class TokenView
{
    /// <summary>The token's public facts at <paramref name="now"/> (whether it works then included).</summary>
    public static object Describe(TokenRecord token, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(token);
        return new
        {
            id = token.Id,
            role = token.Role.ToString().ToLowerInvariant(),
            label = token.Label,
            createdAt = token.CreatedAt,
            expiresAt = token.ExpiresAt,
            revokedAt = token.RevokedAt,
            wearers = token.Wearers?.Select(w => w.Value),
            active = token.IsValidAt(now),
        };
    }
}
