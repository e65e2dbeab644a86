using Care.Core.Errors;
using Care.Core.Ids;
using Care.Hermes.Access;
using Care.Hermes.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Care.Hermes.Api;

/// <summary><c>GET /v1/wearers</c>: which wearers Hermes holds, paged in id order. Clinicians only; a care team sees its own.</summary>
internal static class WearerListEndpoints
{
    public static void MapWearerList(this IEndpointRouteBuilder api) =>
        api.MapGet("/wearers", ListAsync)
            .RequireAuthorization(Policies.Clinician)
            .WithName("ListWearers")
            .WithSummary("Wearers in id order after 'after' (exclusive), at most 'limit' (default 100, at most 1,000), each with the time of its newest observation and its active patches; a care team's token lists its wearers only. Each listed wearer gets a RecordAccessed ledger entry; 'nextAfter' reads the next page.")
            .ProducesProblem(StatusCodes.Status400BadRequest);

    private static async Task<IResult> ListAsync(string? after, string? limit, HttpContext http, IHermesStore store, TimeProvider time, CancellationToken cancellationToken)
    {
        if (after is not null && !WearerId.TryParse(after, out _))
        {
            throw new InvalidInputException("after", $"'{after}' is not a wearer id");
        }
        int max = QueryText.Limit(limit, 100, 1000);
        var caller = Caller.From(http.User);
        var page = await store.ListWearersAsync(after, max + 1, caller.Wearers, cancellationToken);
        var shown = page.Take(max).ToList();
        // When Hermes last heard of a wearer is part of their record: the listing is recorded like a read.
        await store.RecordAccessAsync(caller.TokenId, caller.Role, [.. shown.Select(w => WearerId.Parse(w.WearerId))], time.GetUtcNow(), "list wearers", cancellationToken);
        return Results.Ok(new
        {
            wearers = shown.Select(w => new { id = w.WearerId, lastObservation = w.LastObservation, activePatches = w.ActivePatches }),
            nextAfter = page.Count > max ? shown[^1].WearerId : null,
        });
    }
}
