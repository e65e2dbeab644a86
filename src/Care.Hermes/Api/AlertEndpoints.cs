using Care.Clinical.EarlyWarning;
using Care.Core.Errors;
using Care.Core.Ids;
using Care.Hermes.Access;
using Care.Hermes.Alerts;
using Care.Hermes.Hosting;
using Care.Hermes.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Care.Hermes.Api;

/// <summary><c>GET /v1/alerts</c>: alerts (NEWS2 and sepsis model) raised across wearers, newest first. Clinicians only.</summary>
internal static class AlertEndpoints
{
    public static void MapAlerts(this IEndpointRouteBuilder api)
    {
        api.MapGet("/alerts", ListAsync)
            .RequireAuthorization(Policies.Clinician)
            .WithName("GetAlerts")
            .WithSummary("Alerts raised since a time (optional, ISO 8601), at or above a level (optional: low-medium, medium, high), of one kind (optional: news2, sepsis-model), newest first, at most 'limit' (default 1,000) after every filter; a care team's token sees its wearers only. Sepsis-model alerts carry their explanation. Each wearer whose alerts are returned gets a RecordAccessed ledger entry.")
            .ProducesProblem(StatusCodes.Status400BadRequest);
        api.MapPost("/alerts/{id}/ack", AcknowledgeAsync)
            .RequireAuthorization(Policies.Clinician)
            .WithName("AcknowledgeAlert")
            .WithSummary("Acknowledge an alert (idempotent; written to the ledger). Re-alerts of its kind at the same or a lower level for that wearer are suppressed for the configured time.")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static async Task<IResult> AcknowledgeAsync(string id, HttpContext http, IHermesStore store, AlertAcknowledger acknowledger, TimeProvider time, HermesOptions options, Ledger.TreeHeadSchedule heads, CancellationToken cancellationToken)
    {
        if (!long.TryParse(id, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out long alertId) || alertId < 1)
        {
            throw new InvalidInputException("id", $"'{id}' is not an alert id (a positive whole number)");
        }
        var caller = Caller.From(http.User);
        var now = time.GetUtcNow();
        if (caller.Wearers is not null)
        {
            // A care team acknowledges only its own wearers' alerts.
            var target = (await store.GetAlertAsync(alertId, cancellationToken))?.WearerId;
            if (target is not null && !caller.MayRead(WearerId.Parse(target)))
            {
                return WearerEndpoints.OutOfScope(WearerId.Parse(target));
            }
        }
        var (alert, promise) = await acknowledger.AcknowledgeWithPromiseAsync(alertId, caller.TokenId, caller.Role, now, now + options.AlertSuppression, cancellationToken);
        if (alert is null)
        {
            return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Unknown alert", detail: $"id: no alert {alertId}");
        }
        await heads.SignIfDueAsync(cancellationToken);
        // The log's signed promise for the AlertAcknowledged entry (absent when the alert was already acknowledged).
        var answer = System.Text.Json.JsonSerializer.SerializeToNode(Describe(alert), System.Text.Json.JsonSerializerOptions.Web)!.AsObject();
        if (promise is not null)
        {
            answer["ledgerPromise"] = System.Text.Json.JsonSerializer.SerializeToNode(promise, System.Text.Json.JsonSerializerOptions.Web);
        }
        return Results.Json(answer);
    }

    private static object Describe(AlertRecord a) => new
    {
        id = a.Id,
        wearerId = a.WearerId,
        kind = a.Kind.ToName(),
        raisedAt = a.RaisedAt,
        level = a.Level.ToName(),
        score = a.Score,
        reason = a.Reason,
        explanation = a.Explanation is { } e ? ModelRiskJson.Describe(e) : null,
        acknowledgedAt = a.AcknowledgedAt,
        acknowledgedBy = a.AcknowledgedBy,
    };

    private static async Task<IResult> ListAsync(string? since, string? level, string? kind, string? limit, HttpContext http, IHermesStore store, TimeProvider time, CancellationToken cancellationToken)
    {
        var from = QueryText.Time(since, "since");
        var minimum = ParseLevel(level);
        AlertKind? only = string.IsNullOrEmpty(kind) ? null
            : AlertKindNames.TryParse(kind, out var k) ? k
            : throw new InvalidInputException("kind", $"'{kind}' is not an alert kind; use news2 or sepsis-model");
        int max = QueryText.Limit(limit, 1000, 10_000);
        var caller = Caller.From(http.User);
        var alerts = await store.GetAlertsAsync(new AlertQuery(from, minimum, only, caller.Wearers, max), cancellationToken);
        // Alerts carry vitals and explanations: each wearer whose alerts are returned has the read in their ledger.
        var wearers = alerts.Select(a => WearerId.Parse(a.WearerId)).Distinct().ToList();
        await store.RecordAccessAsync(caller.TokenId, caller.Role, wearers, time.GetUtcNow(), "read alerts", cancellationToken);
        return Results.Ok(new
        {
            alerts = alerts.Select(Describe),
            note = WearerEndpoints.DecisionSupport,
        });
    }

    private static News2Level ParseLevel(string? text) =>
        string.IsNullOrEmpty(text) ? News2Level.Low
        : News2LevelNames.TryParse(text, out var level) ? level
        : throw new InvalidInputException("level", $"'{text}' is not a level; use low, low-medium, medium or high");
}
