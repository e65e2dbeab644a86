using Care.Clinical.EarlyWarning;
using Care.Core.Ids;
using Care.Hermes.Access;
using Care.Hermes.Console.Alerts;
using Care.Hermes.Console.Html;
using Care.Hermes.Storage;
using Microsoft.AspNetCore.Http;

namespace Care.Hermes.Console.Wearers;

/// <summary>
/// The wearer list: id, latest NEWS2 (and model) risk, when data last arrived, active patches, open
/// alerts; with a search by id. The listing is written to the ledger as the API's <c>GET /v1/wearers</c> is.
/// The store lists wearers in id order, so the search filters the first <see cref="ScanLimit"/> wearers.
/// </summary>
internal static class WearerListPage
{
    /// <summary>Most wearers shown on one page.</summary>
    public const int PageSize = 100;

    /// <summary>Most wearers a search looks through.</summary>
    public const int ScanLimit = 5_000;

    public static async Task<IResult> ShowAsync(string? q, HttpContext http, IHermesStore store, TimeProvider time)
    {
        var caller = Caller.From(http.User);
        string search = (q ?? string.Empty).Trim();
        if (search.Length > 64)
        {
            return Page.Problem(http, StatusCodes.Status400BadRequest, "Search too long", "A search is at most 64 characters of a wearer id.");
        }
        var all = await store.ListWearersAsync(null, search.Length == 0 ? PageSize : ScanLimit, caller.Wearers, http.RequestAborted);
        var shown = all.Where(w => w.WearerId.Contains(search, StringComparison.OrdinalIgnoreCase)).Take(PageSize).ToList();
        var ids = shown.Select(w => WearerId.Parse(w.WearerId)).ToList();
        await store.RecordAccessAsync(caller.TokenId, caller.Role, ids, time.GetUtcNow(), "list wearers", http.RequestAborted);
        var open = ids.Count == 0 ? []
            : (await store.GetAlertsAsync(new AlertQuery(null, News2Level.Low, null, ids, 10_000), http.RequestAborted))
                .Where(a => a.AcknowledgedAt is null).GroupBy(a => a.WearerId).ToDictionary(g => g.Key, g => g.ToList());
        var rows = new List<HtmlText>(shown.Count);
        foreach (var w in shown)
        {
            var id = WearerId.Parse(w.WearerId);
            var risk = await store.GetLatestRiskAsync(id, http.RequestAborted);
            var model = await store.GetLatestModelRiskAsync(id, http.RequestAborted);
            var alerts = open.GetValueOrDefault(w.WearerId) ?? [];
            var riskCell = risk is null ? HtmlText.Of($"—")
                : HtmlText.Of($"<span class=\"badge level-{risk.Score.Level.ToName()}\">NEWS2 {risk.Score.Total} · {AlertInbox.LevelWords(risk.Score.Level)}</span>");
            var modelCell = model is null ? HtmlText.Of($"—") : HtmlText.Of($"{model.Score}/100");
            var alertCell = alerts.Count == 0 ? HtmlText.Of($"0")
                : HtmlText.Of($"<strong>{alerts.Count}</strong> (highest {AlertInbox.LevelWords(alerts.Max(a => a.Level))})");
            rows.Add(HtmlText.Of($"""
                <tr><th scope="row"><a href="/console/wearers/{w.WearerId}">{w.WearerId}</a></th>
                <td>{riskCell}</td><td>{modelCell}</td><td>{Formats.Time(w.LastObservation)}</td><td>{w.ActivePatches}</td><td>{alertCell}</td></tr>
                """));
        }
        var table = rows.Count == 0
            ? HtmlText.Of($"<p id=\"no-wearers\">No wearers{(search.Length > 0 ? " match this search" : "")}.</p>")
            : HtmlText.Of($"""
                <table class="wearers">
                <caption>{shown.Count} wearer(s){(search.Length > 0 ? $" matching '{search}'" : "")}</caption>
                <thead><tr><th scope="col">wearer</th><th scope="col">latest NEWS2</th><th scope="col">sepsis model</th><th scope="col">last data</th><th scope="col">active patches</th><th scope="col">open alerts</th></tr></thead>
                <tbody>{rows}</tbody>
                </table>
                """);
        var body = HtmlText.Of($"""
            <form method="get" action="/console/wearers" role="search" class="search">
            <label for="q">Search by wearer id</label>
            <input id="q" name="q" type="search" value="{search}" maxlength="64">
            <button type="submit">Search</button>
            </form>
            {table}
            """);
        return Page.Render(http, "Wearers", body);
    }
}
