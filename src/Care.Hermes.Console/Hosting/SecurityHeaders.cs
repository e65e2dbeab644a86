using Microsoft.AspNetCore.Http;

namespace Care.Hermes.Console.Hosting;

/// <summary>
/// Headers on every console answer: a strict Content-Security-Policy (scripts and styles from Hermes
/// only, no inline script, no framing, forms post only to Hermes), no MIME sniffing, no referrer,
/// and no caching of pages (they hold health data; static files set their own).
/// </summary>
internal static class SecurityHeaders
{
    /// <summary>The policy: nothing by default; this origin's scripts, styles, images and fetches only.</summary>
    public const string ContentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; font-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    /// <summary>Adds the headers to console requests, then runs the rest of the pipeline.</summary>
    public static Task ApplyAsync(HttpContext http, RequestDelegate next)
    {
        if (http.Request.Path.StartsWithSegments(ConsoleAuth.Prefix))
        {
            var headers = http.Response.Headers;
            headers.ContentSecurityPolicy = ContentSecurityPolicy;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "no-referrer";
            headers["Cross-Origin-Opener-Policy"] = "same-origin";
            headers.CacheControl = "no-store";
        }
        return next(http);
    }
}
