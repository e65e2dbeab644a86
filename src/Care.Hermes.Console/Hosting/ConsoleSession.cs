using System.Security.Claims;
using Care.Hermes.Storage;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Extensions.DependencyInjection;

namespace Care.Hermes.Console.Hosting;

/// <summary>
/// Keeps a console session tied to its bearer token: on every request the token behind the cookie
/// must still exist, be unrevoked and unexpired, or the session ends (the cookie is removed and the
/// caller is sent to sign in again). Stateless; thread safe.
/// </summary>
internal static class ConsoleSession
{
    /// <summary>The cookie handler's principal check.</summary>
    public static async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        var hashText = context.Principal?.FindFirstValue(ConsoleAuth.TokenHashClaim);
        bool valid = false;
        if (hashText is { Length: 64 })
        {
            var store = context.HttpContext.RequestServices.GetRequiredService<IHermesStore>();
            var time = context.HttpContext.RequestServices.GetRequiredService<TimeProvider>();
            var record = await store.FindTokenAsync(Convert.FromHexString(hashText), context.HttpContext.RequestAborted);
            valid = record is not null && record.IsValidAt(time.GetUtcNow())
                && record.Id == context.Principal!.FindFirstValue(ClaimTypes.NameIdentifier);
        }
        if (!valid)
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(ConsoleAuth.Scheme);
        }
    }
}
