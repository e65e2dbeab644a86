using System.Text.Json;
using Care.Core.Errors;
using Care.Core.Ids;
using Care.Hermes.Access;
using Care.Hermes.Hosting;
using Care.Hermes.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;

namespace Care.Hermes.Api;

/// <summary>Tokens (admins only): issue with an expiry and an optional care-team scope, list without secrets, revoke.</summary>
internal static class TokenEndpoints
{
    public static void MapTokens(this IEndpointRouteBuilder api)
    {
        var tokens = api.MapGroup("/tokens").RequireAuthorization(Policies.Admin);
        tokens.MapPost("", CreateAsync)
            .WithName("CreateToken")
            .WithSummary("Issue a bearer token: {\"role\": \"device\" | \"clinician\" | \"admin\", \"expiresIn\": \"30d\" (optional; d, h or m; at most 366d), \"wearers\": [\"W-1\", …] (optional, clinician tokens: the care team's wearers), \"label\": \"…\" (optional)}. The token text is shown once; TokenIssued goes to the ledger.")
            .ProducesProblem(StatusCodes.Status400BadRequest);
        tokens.MapGet("", ListAsync)
            .WithName("ListTokens")
            .WithSummary("Every token without its secret: id, role, label, created, expires, revoked, scope, and whether it works now.");
        tokens.MapDelete("/{id}", RevokeAsync)
            .WithName("RevokeToken")
            .WithSummary("Revoke a token now (idempotent); TokenRevoked goes to the ledger.")
            .ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static async Task<IResult> CreateAsync(HttpRequest request, HttpContext http, TokenIssuer issuer, ILoggerFactory logs, CancellationToken cancellationToken)
    {
        Role role;
        TimeSpan? lifetime = null;
        List<WearerId>? wearers = null;
        string? label = null;
        try
        {
            using var json = await JsonDocument.ParseAsync(request.Body, cancellationToken: cancellationToken);
            var root = json.RootElement;
            string? roleText = root.ValueKind == JsonValueKind.Object && root.TryGetProperty("role", out var r) && r.ValueKind == JsonValueKind.String
                ? r.GetString()
                : throw new InvalidInputException("$.role", "required string field is missing");
            if (!TokenIssuer.TryParseRole(roleText, out role))
            {
                throw new InvalidInputException("$.role", $"'{roleText}' is not a role; use device, clinician or admin");
            }
            if (root.TryGetProperty("expiresIn", out var e))
            {
                lifetime = TokenIssuer.ParseLifetime(e.ValueKind == JsonValueKind.String ? e.GetString()! : e.ToString(), "$.expiresIn");
            }
            if (root.TryGetProperty("wearers", out var w))
            {
                if (w.ValueKind != JsonValueKind.Array)
                {
                    throw new InvalidInputException("$.wearers", "must be an array of wearer ids");
                }
                wearers = [];
                int i = 0;
                foreach (var item in w.EnumerateArray())
                {
                    wearers.Add(item.ValueKind == JsonValueKind.String && WearerId.TryParse(item.GetString(), out var id)
                        ? id
                        : throw new InvalidInputException($"$.wearers[{i}]", $"not a valid wearer id ({IdText.Rule})"));
                    i++;
                }
            }
            if (root.TryGetProperty("label", out var l))
            {
                label = l.ValueKind == JsonValueKind.String ? l.GetString() : throw new InvalidInputException("$.label", "must be a string");
            }
        }
        catch (JsonException e)
        {
            throw new InvalidInputException("$", $"malformed JSON: {e.Message}");
        }
        var admin = Caller.From(http.User);
        var (record, token) = await issuer.CreateAsync(role, lifetime, wearers, label, admin.TokenId, cancellationToken);
        HermesLog.TokenCreated(logs.CreateLogger("Care.Hermes.Access"), record.Id, record.Role);
        return Results.Json(new
        {
            id = record.Id,
            role = role.ToString().ToLowerInvariant(),
            expiresAt = record.ExpiresAt,
            wearers = record.Wearers?.Select(x => x.Value),
            label = record.Label,
            token,
        }, statusCode: StatusCodes.Status201Created);
    }

    private static async Task<IResult> ListAsync(IHermesStore store, TimeProvider time, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var tokens = await store.ListTokensAsync(cancellationToken);
        return Results.Ok(new { tokens = tokens.Select(t => TokenView.Describe(t, now)) });
    }

    private static async Task<IResult> RevokeAsync(string id, HttpContext http, IHermesStore store, TimeProvider time, Ledger.TreeHeadSchedule heads, CancellationToken cancellationToken)
    {
        if (!await store.RevokeTokenAsync(id, Caller.From(http.User).TokenId, time.GetUtcNow(), cancellationToken))
        {
            return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Unknown token", detail: $"id: no token '{id}'");
        }
        await heads.SignIfDueAsync(cancellationToken);
        return Results.Ok(new { id, revoked = true });
    }
}
