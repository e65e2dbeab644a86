using Care.Clinical.EarlyWarning;
using Care.Core.Errors;
using Care.Hermes.Access;
using Care.Hermes.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Care.Hermes.Api;

/// <summary><c>GET /v1/alerts</c>: alerts raised across wearers, newest first. Clinicians only.</summary>
internal static class AlertEndpoints
{
    public static void MapAlerts(this IEndpointRouteBuilder api)
    {
        api.MapGet("/alerts", ListAsync)
            .RequireAuthorization(Policies.Clinician)
            .WithName("GetAlerts")
            .WithSummary("Alerts raised since a time (optional), at or above a level (optional: low-medium, medium, high), newest first.")
            .ProducesProblem(StatusCodes.Status400BadRequest);
    }

    private static async Task<IResult> ListAsync(string? since, string? level, string? limit, IHermesStore store, CancellationToken cancellationToken)
    {
        var from = QueryText.Time(since, "since");
        var minimum = ParseLevel(level);
        int max = QueryText.Limit(limit, 1000, 10_000);
        var alerts = await store.GetAlertsAsync(from, max, cancellationToken);
        return Results.Ok(new
        {
            alerts = alerts.Where(a => a.Level >= minimum).Select(a => new
            {
                id = a.Id,
                wearerId = a.WearerId,
                raisedAt = a.RaisedAt,
                level = a.Level.ToName(),
                score = a.Score,
                reason = a.Reason,
            }),
            note = WearerEndpoints.DecisionSupport,
        });
    }

    private static News2Level ParseLevel(string? text) =>
        string.IsNullOrEmpty(text) ? News2Level.Low
        : News2LevelNames.TryParse(text, out var level) ? level
        : throw new InvalidInputException("level", $"'{text}' is not a level; use low, low-medium, medium or high");
}
