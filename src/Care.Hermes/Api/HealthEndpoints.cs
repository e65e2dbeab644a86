using Care.Hermes.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Care.Hermes.Api;

/// <summary><c>/healthz</c> (the process answers) and <c>/readyz</c> (the database and keys are usable): never rate limited, no token.</summary>
internal static class HealthEndpoints
{
    public static void MapHealth(this IEndpointRouteBuilder app)
    {
        app.MapGet("/healthz", () => Results.Ok(new { status = "ok" }))
            .WithName("Health")
            .WithSummary("Liveness: the process answers.")
            .AllowAnonymous()
            .DisableRateLimiting();
        app.MapGet("/readyz", ReadyAsync)
            .WithName("Ready")
            .WithSummary("Readiness: the database answers and the ledger key is loaded; 503 with the reason otherwise.")
            .AllowAnonymous()
            .DisableRateLimiting();
    }

    private static async Task<IResult> ReadyAsync(IHermesStore store, CancellationToken cancellationToken) =>
        await store.ReadinessProblemAsync(cancellationToken) is { } problem
            ? Results.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "Not ready", detail: problem)
            : Results.Ok(new { status = "ready" });
}
