using System.Text.Json;
using Care.Core.Errors;
using Care.Hermes.Access;
using Care.Hermes.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;

namespace Care.Hermes.Api;

/// <summary><c>POST /v1/tokens</c>: admins issue tokens for devices, clinicians and other admins.</summary>
internal static class TokenEndpoints
{
    public static void MapTokens(this IEndpointRouteBuilder api)
    {
        api.MapPost("/tokens", CreateAsync)
            .RequireAuthorization(Policies.Admin)
            .WithName("CreateToken")
            .WithSummary("Issue a bearer token: body {\"role\": \"device\" | \"clinician\" | \"admin\"}. The token text is shown once.")
            .ProducesProblem(StatusCodes.Status400BadRequest);
    }

    private static async Task<IResult> CreateAsync(HttpRequest request, TokenIssuer issuer, ILoggerFactory logs, CancellationToken cancellationToken)
    {
        string? roleText;
        try
        {
            using var json = await JsonDocument.ParseAsync(request.Body, cancellationToken: cancellationToken);
            roleText = json.RootElement.ValueKind == JsonValueKind.Object && json.RootElement.TryGetProperty("role", out var r) && r.ValueKind == JsonValueKind.String
                ? r.GetString()
                : throw new InvalidInputException("$.role", "required string field is missing");
        }
        catch (JsonException e)
        {
            throw new InvalidInputException("$", $"malformed JSON: {e.Message}");
        }
        if (!TokenIssuer.TryParseRole(roleText, out var role))
        {
            throw new InvalidInputException("$.role", $"'{roleText}' is not a role; use device, clinician or admin");
        }
        var (record, token) = await issuer.CreateAsync(role, cancellationToken);
        HermesLog.TokenCreated(logs.CreateLogger("Care.Hermes.Access"), record.Id, record.Role);
        return Results.Json(new { id = record.Id, role = role.ToString().ToLowerInvariant(), token }, statusCode: StatusCodes.Status201Created);
    }
}
