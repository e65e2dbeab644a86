using System.Security.Claims;
using Care.Hermes.Access;
using Care.Hermes.Console.Hosting;
using Microsoft.AspNetCore.Http;

namespace Care.Hermes.Console.Html;

/// <summary>
/// The page shell every console page is written into: header with navigation for the session's role,
/// the sign-out form (with its anti-forgery token), the main region and the decision-support footer.
/// Scripts are files only (the Content-Security-Policy forbids inline script). Stateless.
/// </summary>
internal static class Page
{
    /// <summary>Stated at the foot of every page.</summary>
    public const string Footer = "Care supports clinicians; it does not replace them. Every view of a wearer's record is written to the ledger.";

    /// <summary>The page as an HTML answer.</summary>
    public static IResult Render(HttpContext http, string title, HtmlText body, PageAssets assets = default, int status = StatusCodes.Status200OK)
    {
        var user = http.User;
        bool signedIn = user.Identity?.IsAuthenticated == true && user.Identity.AuthenticationType == ConsoleAuth.Scheme;
        string? role = signedIn ? user.FindFirstValue(ClaimTypes.Role) : null;
        var nav = new List<HtmlText>();
        if (role == nameof(Role.Clinician))
        {
            nav.Add(HtmlText.Of($"<li><a href=\"/console/alerts\">Alerts</a></li>"));
            nav.Add(HtmlText.Of($"<li><a href=\"/console/wearers\">Wearers</a></li>"));
        }
        else if (role == nameof(Role.Admin))
        {
            nav.Add(HtmlText.Of($"<li><a href=\"/console/admin/tokens\">Tokens</a></li>"));
        }
        var session = HtmlText.Empty;
        if (signedIn)
        {
            var csrf = Csrf.Token(http);
            session = HtmlText.Of($"""
                <form class="session" method="post" action="/console/sign-out">
                <span>Signed in: {role?.ToLowerInvariant()} token <code>{user.FindFirstValue(ClaimTypes.NameIdentifier)}</code></span>
                <input type="hidden" name="__csrf" value="{csrf}">
                <button type="submit">Sign out</button>
                </form>
                """);
        }
        var charts = assets.Charts
            ? HtmlText.Of($"""
                <link rel="stylesheet" href="/console/static/lib/uplot/uPlot.min.css">
                <script src="/console/static/lib/uplot/uPlot.iife.min.js" defer></script>
                """)
            : HtmlText.Empty;
        var script = assets.Script is { } file ? HtmlText.Of($"<script src=\"/console/static/console/{file}\" defer></script>") : HtmlText.Empty;
        var html = HtmlText.Of($"""
            <!doctype html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>{title} · Care console</title>
            <link rel="stylesheet" href="/console/static/console/console.css">
            {charts}
            {script}
            </head>
            <body>
            <header>
            <nav aria-label="Main"><a class="brand" href="/console">Care console</a><ul>{nav}</ul></nav>
            {session}
            </header>
            <main id="main">
            <h1>{title}</h1>
            {body}
            </main>
            <footer><p>{Footer}</p></footer>
            </body>
            </html>
            """);
        return Results.Content(html.ToString(), "text/html; charset=utf-8", System.Text.Encoding.UTF8, status);
    }

    /// <summary>A page that only says why something was refused or not found.</summary>
    public static IResult Problem(HttpContext http, int status, string title, string detail) =>
        Render(http, title, HtmlText.Of($"<p class=\"problem\" role=\"alert\">{detail}</p>"), status: status);
}
