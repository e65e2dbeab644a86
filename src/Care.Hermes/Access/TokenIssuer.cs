using System.Security.Cryptography;
using Care.Core.Errors;
using Care.Core.Ids;
using Care.Hermes.Storage;

namespace Care.Hermes.Access;

/// <summary>
/// Issues and recognises bearer tokens. A token is 32 random bytes (base64url, prefixed
/// <c>care_</c>); Hermes stores only its SHA-256, so a copy of the database grants nothing. Every
/// token expires (default <see cref="DefaultLifetime"/>) and can be revoked; a clinician token can be
/// scoped to a care team's wearers. Issue and revocation are written to the ledger. Thread safe.
/// </summary>
public sealed class TokenIssuer(IHermesStore store, TimeProvider time)
{
    /// <summary>Prefix of every token's text, so leaked tokens are easy to recognise.</summary>
    public const string Prefix = "care_";

    /// <summary>How long a token works unless told otherwise: 30 days.</summary>
    public static readonly TimeSpan DefaultLifetime = TimeSpan.FromDays(30);

    /// <summary>The longest lifetime a token may be given: one year.</summary>
    public static readonly TimeSpan MaxLifetime = TimeSpan.FromDays(366);

    /// <summary>Creates and stores a token; returns its record and its text (shown once, never stored).</summary>
    /// <param name="role">What it may do.</param>
    /// <param name="lifetime">How long it works (1 minute to <see cref="MaxLifetime"/>); null for <see cref="DefaultLifetime"/>.</param>
    /// <param name="wearers">For a clinician token, the only wearers it may read (a care team); null for every wearer.</param>
    /// <param name="label">Whose token it is, in words (at most 200 characters; never a secret), or null.</param>
    /// <param name="issuedBy">Who issues it: an admin token's id, or <c>operator</c> on the command line.</param>
    /// <param name="cancellationToken">Cancels the store.</param>
    /// <exception cref="InvalidInputException">A lifetime, scope or label is out of range, naming it.</exception>
    public async Task<(TokenRecord Record, string Token)> CreateAsync(
        Role role, TimeSpan? lifetime = null, IReadOnlyCollection<WearerId>? wearers = null, string? label = null, string issuedBy = "operator",
        CancellationToken cancellationToken = default)
    {
        if (!Enum.IsDefined(role))
        {
            throw new ArgumentOutOfRangeException(nameof(role), role, "unknown role");
        }
        var life = lifetime ?? DefaultLifetime;
        if (life < TimeSpan.FromMinutes(1) || life > MaxLifetime)
        {
            throw new InvalidInputException("expiresIn", $"{life} is outside 1 minute to {MaxLifetime.TotalDays:0} days");
        }
        if (wearers is not null && role != Role.Clinician)
        {
            throw new InvalidInputException("wearers", $"only clinician tokens can be scoped to wearers, not {role.ToString().ToLowerInvariant()} tokens");
        }
        if (wearers is { Count: 0 } || wearers?.Count > 10_000)
        {
            throw new InvalidInputException("wearers", "a care team's scope lists 1 to 10,000 wearers");
        }
        if (label is not null && (label.Length is 0 or > 200 || label.Any(char.IsControl)))
        {
            throw new InvalidInputException("label", "must be 1-200 printable characters");
        }
        string token = Prefix + Base64Url(RandomNumberGenerator.GetBytes(32));
        string id = "tok_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6));
        var now = time.GetUtcNow();
        var record = new TokenRecord(id, Hash(token), role, now, null)
        {
            ExpiresAt = now + life,
            Wearers = wearers is null ? null : [.. wearers.Distinct()],
            Label = label,
        };
        await store.AddTokenAsync(record, issuedBy, cancellationToken);
        return (record, token);
    }

    /// <summary>The token with this text when it works now (not revoked, not expired), or null.</summary>
    public async Task<TokenRecord?> FindAsync(string token, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 200 || !token.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return null;
        }
        var record = await store.FindTokenAsync(Hash(token), cancellationToken);
        return record is not null && record.IsValidAt(time.GetUtcNow()) ? record : null;
    }

    /// <summary>Parses a role name as used on the command line and in the API (device, clinician, admin, public-health).</summary>
    public static bool TryParseRole(string? text, out Role role) =>
        Enum.TryParse(text?.Replace("-", "", StringComparison.Ordinal), ignoreCase: true, out role) && Enum.IsDefined(role) && !int.TryParse(text, out _);

    /// <summary>
    /// Parses a lifetime such as <c>30d</c>, <c>12h</c> or <c>90m</c> (days, hours, minutes); throws
    /// <see cref="InvalidInputException"/> naming <paramref name="where"/> otherwise.
    /// </summary>
    public static TimeSpan ParseLifetime(string text, string where)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length >= 2 && int.TryParse(text.AsSpan(0, text.Length - 1), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int n) && n > 0)
        {
            switch (text[^1])
            {
                case 'd': return TimeSpan.FromDays(n);
                case 'h': return TimeSpan.FromHours(n);
                case 'm': return TimeSpan.FromMinutes(n);
            }
        }
        throw new InvalidInputException(where, $"'{text}' is not a lifetime; write a whole number with d, h or m, e.g. 30d, 12h, 90m");
    }

    private static byte[] Hash(string token) => SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(token));

    private static string Base64Url(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
