using System.Text.Json;
using Care.Core.Errors;
using Care.Hermes.Access;
using Care.Hermes.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Care.Hermes.Api;

/// <summary>On-device model releases: admins release, devices (kiosks) fetch the newest release with its ledger proof.</summary>
internal static class ModelEndpoints
{
    public static void MapModels(this IEndpointRouteBuilder api)
    {
        api.MapPost("/models", ReleaseAsync)
            .RequireAuthorization(Policies.Admin)
            .WithName("ReleaseModel")
            .WithSummary("Release an on-device model: {\"name\", \"version\", \"sha256\"} is written to the ledger (ModelReleased).")
            .ProducesProblem(StatusCodes.Status400BadRequest);
        api.MapGet("/models/{name}", LatestAsync)
            .RequireAuthorization(Policies.Device)
            .WithName("GetModelRelease")
            .WithSummary("The newest release of a model with its inclusion proof and signed tree head: a kiosk loads a model file only if its SHA-256 matches and the proof verifies.")
            .ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static async Task<IResult> ReleaseAsync(HttpRequest request, HttpContext http, IHermesStore store, TimeProvider time, Ledger.TreeHeadSchedule heads, CancellationToken cancellationToken)
    {
        string name, version, sha256;
        try
        {
            using var json = await JsonDocument.ParseAsync(request.Body, cancellationToken: cancellationToken);
            var root = json.RootElement;
            name = Text(root, "name");
            version = Text(root, "version");
            sha256 = Text(root, "sha256");
        }
        catch (JsonException e)
        {
            throw new InvalidInputException("$", $"malformed JSON: {e.Message}");
        }
        if (sha256.Length != 64 || !sha256.All(Uri.IsHexDigit))
        {
            throw new InvalidInputException("$.sha256", "must be 64 hexadecimal characters (SHA-256 of the model file)");
        }
        var caller = Caller.From(http.User);
        long index = await store.ReleaseModelAsync(name, version, sha256.ToLowerInvariant(), caller.TokenId, time.GetUtcNow(), cancellationToken);
        await heads.SignIfDueAsync(cancellationToken);
        return Results.Json(new { name, version, sha256 = sha256.ToLowerInvariant(), ledgerIndex = index }, statusCode: StatusCodes.Status201Created);
    }

    private static async Task<IResult> LatestAsync(string name, HttpContext http, IHermesStore store, TimeProvider time, Ledger.TreeHeadSchedule heads, CancellationToken cancellationToken)
    {
        var latest = await store.LatestModelAsync(name, cancellationToken);
        return latest is null
            ? Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "No release", detail: $"name: no model '{name}' was released")
            : await ProofAnswer.ForAsync(latest, http, store, time, heads, cancellationToken);
    }

    private static string Text(JsonElement root, string name) =>
        root.ValueKind == JsonValueKind.Object && root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && !string.IsNullOrWhiteSpace(value.GetString())
            ? value.GetString()!
            : throw new InvalidInputException("$." + name, "required string field is missing");
}
