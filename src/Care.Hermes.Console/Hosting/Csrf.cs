using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Care.Hermes.Console.Hosting;

/// <summary>Anti-forgery for the console's forms: every form carries a token, every POST handler checks it first.</summary>
internal static class Csrf
{
    /// <summary>The token to put in a form's hidden <c>__csrf</c> field (the matching cookie is set on the answer).</summary>
    public static string Token(HttpContext http) =>
        http.RequestServices.GetRequiredService<IAntiforgery>().GetAndStoreTokens(http).RequestToken ?? string.Empty;

    /// <summary>True when the posted form carries a valid anti-forgery token for this session.</summary>
    public static async Task<bool> IsValidAsync(HttpContext http)
    {
        try
        {
            await http.RequestServices.GetRequiredService<IAntiforgery>().ValidateRequestAsync(http);
            return true;
        }
        catch (AntiforgeryValidationException)
        {
            return false;
        }
    }
}
