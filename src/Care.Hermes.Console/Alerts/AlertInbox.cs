using Care.Clinical.EarlyWarning;
using Care.Core.Ids;
using Care.Hermes.Access;
using Care.Hermes.Alerts;
using Care.Hermes.Api;
using Care.Hermes.Console.Hosting;
using Care.Hermes.Console.Html;
using Care.Hermes.Hosting;
using Care.Hermes.Ledger;
using Care.Hermes.Storage;
using Microsoft.AspNetCore.Http;

namespace Care.Hermes.Console.Alerts;

/// <summary>
/// The alerts inbox: open alerts (or all), newest first, each with its level, score, reason, the
/// model's explanation with its ICU-trained notice, and an acknowledge button. Listing alerts is a read
/// of each listed wearer's record and is written to the ledger as the API's <c>GET /v1/alerts</c> is.
/// </summary>
internal static class AlertInbox
{
    private const int Limit = 200;

    public static async Task<IResult> ShowAsync(string? show, HttpContext http, IHermesStore store, TimeProvider time)
    {
        bool all = show == "all";
        var caller = Caller.From(http.User);
        // Fetch more than shown so that open alerts older than a burst of acknowledged ones still appear.
        var alerts = await store.GetAlertsAsync(new AlertQuery(null, News2Level.Low, null, caller.Wearers, all ? Limit : Limit * 5), http.RequestAborted);
        var shown = (all ? alerts : alerts.Where(a => a.AcknowledgedAt is null)).Take(Limit).ToList();
        var wearers = shown.Select(a => WearerId.Parse(a.WearerId)).Distinct().ToList();
        await store.RecordAccessAsync(caller.TokenId, caller.Role, wearers, time.GetUtcNow(), "read alerts", http.RequestAborted);
        string csrf = Csrf.Token(http);
        var items = shown.Select(a => Item(a, csrf)).ToList();
        var toggle = all
            ? HtmlText.Of($"<p><a href=\"/console/alerts\">Show open alerts only</a></p>")
            : HtmlText.Of($"<p><a href=\"/console/alerts?show=all\">Show acknowledged alerts too</a></p>");
        var list = items.Count == 0
            ? HtmlText.Of($"<p id=\"no-alerts\">No {(all ? "" : "open ")}alerts.</p>")
            : HtmlText.Of($"<ol class=\"alerts\" aria-label=\"Alerts, newest first\">{items}</ol>");
        var body = HtmlText.Of($"""
            <p class="notice">{WearerEndpoints.DecisionSupport}</p>
            {toggle}
            {list}
            """);
        return Page.Render(http, all ? "Alerts" : "Open alerts", body);
    }

    public static async Task<IResult> AcknowledgeAsync(string id, HttpContext http, IHermesStore store, AlertAcknowledger acknowledger, TimeProvider time, HermesOptions options, TreeHeadSchedule heads)
    {
        if (!await Csrf.IsValidAsync(http))
        {
            return Page.Problem(http, StatusCodes.Status400BadRequest, "Not acknowledged", "The form expired or did not come from this page; reload the inbox and acknowledge again.");
        }
        if (!long.TryParse(id, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out long alertId) || alertId < 1)
        {
            return Page.Problem(http, StatusCodes.Status400BadRequest, "Not an alert", $"'{id}' is not an alert id.");
        }
        var caller = Caller.From(http.User);
        var target = await store.GetAlertAsync(alertId, http.RequestAborted);
        if (target is null)
        {
            return Page.Problem(http, StatusCodes.Status404NotFound, "Unknown alert", $"There is no alert {alertId}.");
        }
        if (!caller.MayRead(WearerId.Parse(target.WearerId)))
        {
            return Page.Problem(http, StatusCodes.Status403Forbidden, "Outside your care team", "This session may acknowledge only its care team's alerts.");
        }
        var now = time.GetUtcNow();
        var alert = await acknowledger.AcknowledgeAsync(alertId, caller.TokenId, caller.Role, now, now + options.AlertSuppression, http.RequestAborted);
        await heads.SignIfDueAsync(http.RequestAborted);
        // Post/redirect/get: the wearer's ledger shows the acknowledgement and, once a head covers it, its proof.
        return Results.Redirect($"/console/wearers/{Uri.EscapeDataString(alert!.WearerId)}/ledger?acknowledged={alert.Id}", permanent: false, preserveMethod: false);
    }

    private static HtmlText Item(AlertRecord a, string csrf)
    {
        string level = a.Level.ToName();
        var explanation = a.Explanation is { } e ? Explanation(e) : HtmlText.Empty;
        var state = a.AcknowledgedAt is { } at
            ? HtmlText.Of($"<p class=\"acknowledged\">Acknowledged {Formats.Time(at)} by <code>{a.AcknowledgedBy}</code></p>")
            : HtmlText.Of($"""
                <form method="post" action="/console/alerts/{a.Id}/ack">
                <input type="hidden" name="__csrf" value="{csrf}">
                <button type="submit" aria-label="Acknowledge alert {a.Id} for wearer {a.WearerId}">Acknowledge</button>
                </form>
                """);
        return HtmlText.Of($"""
            <li class="alert level-{level}" id="alert-{a.Id}">
            <p class="alert-head"><span class="badge level-{level}">{LevelWords(a.Level)}</span>
            <span class="kind">{a.Kind.ToName()}</span> score <strong>{a.Score}</strong>
            · wearer <a class="wearer" href="/console/wearers/{a.WearerId}#alert-{a.Id}">{a.WearerId}</a>
            · raised {Formats.Time(a.RaisedAt)}</p>
            <p class="reason">{a.Reason}</p>
            {explanation}
            {state}
            </li>
            """);
    }

    private static HtmlText Explanation(ModelRiskRecord e)
    {
        var rows = e.Contributions.Select(c => HtmlText.Of($"<tr><td>{c.Feature}</td><td>{(c.Value is double v ? Formats.Number(v, 1) : "not measured")}</td><td>{(c.LogOdds >= 0 ? "+" : "")}{Formats.Number(c.LogOdds, 2)}</td></tr>"));
        return HtmlText.Of($"""
            <details class="explanation"><summary>Model explanation: risk {e.Score}/100 (95 % interval {e.ScoreLow}–{e.ScoreHigh})</summary>
            <table><caption>Top contributions (log-odds; positive raises the risk)</caption>
            <thead><tr><th scope="col">feature</th><th scope="col">value</th><th scope="col">contribution</th></tr></thead>
            <tbody>{rows}</tbody></table>
            <p class="notice icu">{ModelRiskReason.Notice}</p>
            </details>
            """);
    }

    /// <summary>The level in words (never colour alone).</summary>
    public static string LevelWords(News2Level level) => level switch
    {
        News2Level.High => "High",
        News2Level.Medium => "Medium",
        News2Level.LowMedium => "Low–medium",
        _ => "Low",
    };
}
