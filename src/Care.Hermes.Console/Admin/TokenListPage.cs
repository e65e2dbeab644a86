using Care.Hermes.Console.Html;
using Care.Hermes.Storage;
using Microsoft.AspNetCore.Http;

namespace Care.Hermes.Console.Admin;

/// <summary>The admin's token list: id, role, label, issued, expires, revoked, scope size. Never a secret (only hashes are stored).</summary>
internal static class TokenListPage
{
    public static async Task<IResult> ShowAsync(HttpContext http, IHermesStore store, TimeProvider time)
    {
        var now = time.GetUtcNow();
        var tokens = await store.ListTokensAsync(http.RequestAborted);
        var rows = tokens.Select(t => HtmlText.Of($"<tr><td><code>{t.Id}</code></td><td>{t.Role.ToString().ToLowerInvariant()}</td><td>{t.Label ?? "—"}</td><td>{Formats.Time(t.CreatedAt)}</td><td>{Formats.Time(t.ExpiresAt)}</td><td>{(t.RevokedAt is { } r ? "revoked " + Formats.Time(r) : t.IsValidAt(now) ? "valid" : "expired")}</td><td>{(t.Wearers is { } w ? $"{w.Count} wearers" : "all")}</td></tr>"));
        var body = HtmlText.Of($"""
            <p>Tokens are created and revoked with <code>care token create</code> / <code>care token revoke</code> or the API; issue and revocation are in the ledger.</p>
            <table class="tokens"><thead><tr><th scope="col">id</th><th scope="col">role</th><th scope="col">label</th><th scope="col">issued</th><th scope="col">expires</th><th scope="col">state</th><th scope="col">scope</th></tr></thead>
            <tbody>{rows}</tbody></table>
            """);
        return Page.Render(http, "Tokens", body);
    }
}
