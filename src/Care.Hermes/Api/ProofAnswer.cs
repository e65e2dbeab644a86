using System.Globalization;
using Care.Hermes.Storage;
using Microsoft.AspNetCore.Http;

namespace Care.Hermes.Api;

/// <summary>
/// Answers with an entry's inclusion proof, or, while no signed tree head covers the entry yet
/// (heads are signed on a schedule, never on a read), 503 with <c>Retry-After</c>: the time until
/// the next head is due.
/// </summary>
internal static class ProofAnswer
{
    public static async Task<IResult> ForAsync(ProvenRecord latest, HttpContext http, IHermesStore store, TimeProvider time, Ledger.TreeHeadSchedule heads, CancellationToken cancellationToken)
    {
        if (latest.Proof is { } proof)
        {
            return Results.Text(proof.ToJson(), "application/json");
        }
        var wait = heads.RetryAfter(await store.LatestTreeHeadAsync(cancellationToken), time.GetUtcNow());
        http.Response.Headers.RetryAfter = ((int)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        return Results.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "Not yet proven",
            detail: $"entry {latest.Record.Index} is in the ledger but not yet covered by a signed tree head; retry after {Math.Ceiling(wait.TotalSeconds)} s");
    }
}
