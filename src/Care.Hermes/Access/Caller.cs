using System.Security.Claims;
using Care.Core.Ids;

namespace Care.Hermes.Access;

/// <summary>Who is calling, as established by the bearer token.</summary>
/// <param name="TokenId">Public id of the token.</param>
/// <param name="Role">Its role.</param>
/// <param name="Wearers">For a care team's clinician token, the wearers it may read; null for every wearer.</param>
public sealed record Caller(string TokenId, Role Role, IReadOnlySet<WearerId>? Wearers = null)
{
    /// <summary>Claim type of a wearer in a token's scope.</summary>
    public const string WearerClaim = "care:wearer";

    /// <summary>Claim type marking a scoped token (present even if its wearer claims were all removed).</summary>
    public const string ScopedClaim = "care:scoped";

    /// <summary>True when the caller may read <paramref name="wearer"/>'s record.</summary>
    public bool MayRead(WearerId wearer) => Wearers is null || Wearers.Contains(wearer);

    /// <summary>Reads the caller from an authenticated principal.</summary>
    public static Caller From(ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return new Caller(
            user.FindFirstValue(ClaimTypes.NameIdentifier) ?? throw new InvalidOperationException("no token id on an authenticated caller"),
            Enum.Parse<Role>(user.FindFirstValue(ClaimTypes.Role) ?? throw new InvalidOperationException("no role on an authenticated caller")),
            user.HasClaim(c => c.Type == ScopedClaim) ? user.FindAll(WearerClaim).Select(c => WearerId.Parse(c.Value)).ToHashSet() : null);
    }

    /// <summary>The claims that carry a token's identity, role and scope.</summary>
    public static IEnumerable<Claim> Claims(Storage.TokenRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        yield return new Claim(ClaimTypes.NameIdentifier, record.Id);
        yield return new Claim(ClaimTypes.Role, record.Role.ToString());
        if (record.Wearers is { } wearers)
        {
            yield return new Claim(ScopedClaim, "1");
            foreach (var wearer in wearers)
            {
                yield return new Claim(WearerClaim, wearer.Value);
            }
        }
    }
}
