using Care.Core.Errors;
using Care.Hermes.Storage;
using Care.Trust.Ledger;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Care.Hermes.Api;

/// <summary>
/// What witnesses read (no token: a tree head and a consistency proof hold no personal data): the
/// newest signed tree head, and proofs that a newer head extends an older one (RFC 9162 §2.1.4).
/// </summary>
internal static class LedgerEndpoints
{
    /// <summary>Longest consistency proof served at once is logarithmic anyway; sizes are bounded by the log.</summary>
    public static void MapLedger(this IEndpointRouteBuilder api)
    {
        var ledger = api.MapGroup("/ledger").AllowAnonymous();
        ledger.MapGet("/head", HeadAsync)
            .WithName("GetTreeHead")
            .WithSummary("The newest signed tree head (size, root, time, key id, hybrid signature), as witnesses fetch it. Verify it with the ledger key from /v1/keys.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        ledger.MapGet("/consistency", ConsistencyAsync)
            .WithName("GetConsistencyProof")
            .WithSummary("The RFC 9162 consistency proof from the tree of 'from' entries to the tree of 'to' entries (1 <= from <= to <= the newest signed head's size).")
            .ProducesProblem(StatusCodes.Status400BadRequest);
        // A promise's holder asks for its proof; entries name wearers and devices, so a token is needed.
        api.MapGet("/ledger/promised/{entrySha256}", PromisedAsync)
            .RequireAuthorization()
            .WithName("GetPromisedEntryProof")
            .WithSummary("The entry a signed ledger promise names (entrySha256: SHA-256 of its promised form, as in the promise) with its inclusion proof; 404 while it is pending in the outbox, 503 with Retry-After until a signed head covers it.")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
    }

    private static async Task<IResult> PromisedAsync(string entrySha256, HttpContext http, IHermesStore store, TimeProvider time, Ledger.TreeHeadSchedule heads, CancellationToken cancellationToken)
    {
        if (entrySha256.Length != 64 || !entrySha256.All(char.IsAsciiHexDigit))
        {
            throw new InvalidInputException("entrySha256", $"'{(entrySha256.Length > 80 ? entrySha256[..80] + "…" : entrySha256)}' is not a SHA-256 in hex (64 hex digits)");
        }
        var found = store is Ledger.ILedgerOutboxStore outbox ? await outbox.ProvePromisedAsync(Convert.FromHexString(entrySha256), cancellationToken) : null;
        return found is null
            ? Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not in the log",
                detail: $"entrySha256: no log entry has this promised hash yet; a promised entry is included within the promise's maximum merge delay")
            : await ProofAnswer.ForAsync(found, http, store, time, heads, cancellationToken);
    }

    private static async Task<IResult> HeadAsync(IHermesStore store, CancellationToken cancellationToken) =>
        await store.LatestTreeHeadAsync(cancellationToken) is { } head
            ? Results.Ok(Describe(head))
            : Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "No tree head", detail: "the ledger has no signed tree head yet");

    private static async Task<IResult> ConsistencyAsync(string? from, string? to, IHermesStore store, CancellationToken cancellationToken)
    {
        var head = await store.LatestTreeHeadAsync(cancellationToken);
        long newest = head?.TreeSize ?? 0;
        long first = Size(from, "from", newest);
        long second = Size(to, "to", newest);
        if (first > second)
        {
            throw new InvalidInputException("from", $"{first} is larger than 'to' ({second})");
        }
        var proof = await store.ConsistencyProofAsync(first, second, cancellationToken);
        return Results.Ok(new { from = first, to = second, proof = proof.Select(Convert.ToHexStringLower) });
    }

    /// <summary>A tree head as JSON (<see cref="TreeHeadJson"/>: the same form in proofs and witness states).</summary>
    public static System.Text.Json.Nodes.JsonObject Describe(SignedTreeHead head) => TreeHeadJson.Write(head);

    private static long Size(string? text, string name, long newest)
    {
        if (string.IsNullOrEmpty(text))
        {
            throw new InvalidInputException(name, "required: a tree size");
        }
        return long.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out long size) && size >= 1 && size <= newest
            ? size
            : throw new InvalidInputException(name, $"'{text}' is not a signed tree size from 1 to {newest}");
    }
}
