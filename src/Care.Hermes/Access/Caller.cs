using System.Security.Claims;

namespace Care.Hermes.Access;

/// <summary>Who is calling, as established by the bearer token.</summary>
/// <param name="TokenId">Public id of the token.</param>
/// <param name="Role">Its role.</param>
public sealed record Caller(string TokenId, Role Role)
{
    /// <summary>Reads the caller from an authenticated principal.</summary>
    public static Caller From(ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return new Caller(
            user.FindFirstValue(ClaimTypes.NameIdentifier) ?? throw new InvalidOperationException("no token id on an authenticated caller"),
            Enum.Parse<Role>(user.FindFirstValue(ClaimTypes.Role) ?? throw new InvalidOperationException("no role on an authenticated caller")));
    }
}
