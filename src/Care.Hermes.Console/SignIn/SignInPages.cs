using System.Security.Claims;
using Care.Hermes.Access;
using Care.Hermes.Console.Hosting;
using Care.Hermes.Console.Html;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;

namespace Care.Hermes.Console.SignIn;

/// <summary>
/// Sign-in with a bearer token, pasted into a form (never in a URL): a clinician or admin token opens
/// a cookie session of its role and scope; device tokens, unknown, revoked and expired tokens are
/// refused with the reason. Sign-out ends the session.
/// </summary>
internal static class SignInPages
{
    public static IResult Form(HttpContext http) => FormPage(http, null, StatusCodes.Status200OK);

    public static async Task<IResult> SignInAsync(HttpContext http, TokenIssuer tokens, TimeProvider time)
    {
        if (!http.Request.HasFormContentType || !await Csrf.IsValidAsync(http))
        {
            return FormPage(http, "The form expired or did not come from this page; please sign in again.", StatusCodes.Status400BadRequest);
        }
        var form = await http.Request.ReadFormAsync(http.RequestAborted);
        string text = form["token"].ToString().Trim();
        var record = text.Length == 0 ? null : await tokens.FindAsync(text, http.RequestAborted);
        if (record is null)
        {
            return FormPage(http, "That token is unknown, expired or revoked.", StatusCodes.Status401Unauthorized);
        }
        if (record.Role is not (Role.Clinician or Role.Admin))
        {
            return FormPage(http, $"A {record.Role.ToString().ToLowerInvariant()} token cannot sign in to the console; use a clinician or admin token.", StatusCodes.Status403Forbidden);
        }
        var claims = Caller.Claims(record).Append(new Claim(ConsoleAuth.TokenHashClaim, Convert.ToHexStringLower(record.Sha256)));
        var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, ConsoleAuth.Scheme, ClaimTypes.NameIdentifier, ClaimTypes.Role));
        var now = time.GetUtcNow();
        var expires = now + ConsoleAuth.IdleTimeout < record.ExpiresAt ? now + ConsoleAuth.IdleTimeout : record.ExpiresAt;
        await http.SignInAsync(ConsoleAuth.Scheme, principal, new AuthenticationProperties { IssuedUtc = now, ExpiresUtc = expires, AllowRefresh = true });
        return Results.Redirect(record.Role == Role.Admin ? "/console/admin/tokens" : "/console/alerts");
    }

    public static async Task<IResult> SignOutAsync(HttpContext http)
    {
        if (!await Csrf.IsValidAsync(http))
        {
            return Page.Problem(http, StatusCodes.Status400BadRequest, "Not signed out", "The form expired or did not come from this page; use the Sign out button again.");
        }
        await http.SignOutAsync(ConsoleAuth.Scheme);
        return Results.Redirect("/console/sign-in");
    }

    public static IResult Home(HttpContext http) =>
        Results.Redirect(http.User.IsInRole(nameof(Role.Admin)) ? "/console/admin/tokens" : "/console/alerts");

    public static IResult Denied(HttpContext http) =>
        Page.Problem(http, StatusCodes.Status403Forbidden, "Not allowed", "This page is not open to your role.");

    private static IResult FormPage(HttpContext http, string? error, int status)
    {
        var message = error is null ? HtmlText.Empty : HtmlText.Of($"<p class=\"problem\" role=\"alert\" id=\"sign-in-error\">{error}</p>");
        var body = HtmlText.Of($"""
            {message}
            <form method="post" action="/console/sign-in" class="sign-in">
            <input type="hidden" name="__csrf" value="{Csrf.Token(http)}">
            <label for="token">Bearer token (clinician or admin)</label>
            <input id="token" name="token" type="password" autocomplete="off" required maxlength="200" spellcheck="false">
            <button type="submit">Sign in</button>
            </form>
            <p class="hint">Create a token with <code>care token create --role clinician</code>. The token is sent once, in this form; the session lasts 30 minutes without use and never longer than the token.</p>
            """);
        return Page.Render(http, "Sign in", body, status: status);
    }
}
