using System.Text.Json;
using Care.Core.Errors;
using Care.Hermes.Access;
using Care.Hermes.Storage;
using Care.Trust.Identity;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Care.Hermes.Api;

/// <summary>Device identities (admins) and Hermes's public keys (anyone).</summary>
internal static class DeviceEndpoints
{
    public static void MapDevices(this IEndpointRouteBuilder api)
    {
        api.MapPost("/devices", RegisterAsync)
            .RequireAuthorization(Policies.Admin)
            .WithName("RegisterDevice")
            .WithSummary("Register a device identity: {\"deviceId\", \"algorithm\": \"hybrid-ed25519-mldsa65\", \"publicKey\": base64}. Classical-only identities (RSA, ECDSA, Ed25519 alone) are refused.")
            .ProducesProblem(StatusCodes.Status400BadRequest);
        api.MapPost("/devices/{id}/revoke", RevokeAsync)
            .RequireAuthorization(Policies.Admin)
            .WithName("RevokeDevice")
            .WithSummary("Revoke a device: its bundles are refused from now on.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("/keys", Keys)
            .AllowAnonymous()
            .WithName("GetKeys")
            .WithSummary("Hermes's public keys: the recipient key patches seal bundles for, and the ledger key that verifies signed tree heads.");
    }

    private static async Task<IResult> RegisterAsync(HttpRequest request, IHermesStore store, TimeProvider time, CancellationToken cancellationToken)
    {
        string deviceId, algorithm;
        byte[] publicKey;
        try
        {
            using var json = await JsonDocument.ParseAsync(request.Body, cancellationToken: cancellationToken);
            var root = json.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new InvalidInputException("$", "expected a JSON object");
            }
            deviceId = Text(root, "deviceId");
            algorithm = Text(root, "algorithm");
            string encoded = Text(root, "publicKey");
            try
            {
                publicKey = Convert.FromBase64String(encoded);
            }
            catch (FormatException)
            {
                throw new InvalidInputException("$.publicKey", "must be base64");
            }
        }
        catch (JsonException e)
        {
            throw new InvalidInputException("$", $"malformed JSON: {e.Message}");
        }
        await store.RegisterDeviceAsync(deviceId, algorithm, publicKey, time.GetUtcNow(), cancellationToken);
        return Results.Json(new { deviceId, algorithm }, statusCode: StatusCodes.Status201Created);
    }

    private static async Task<IResult> RevokeAsync(string id, IHermesStore store, TimeProvider time, CancellationToken cancellationToken) =>
        await store.RevokeDeviceAsync(id, time.GetUtcNow(), cancellationToken)
            ? Results.Ok(new { deviceId = id, revoked = true })
            : Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Unknown device", detail: $"id: no device '{id}' is registered");

    private static IResult Keys(HybridKemPrivateKey recipient, IHermesStore store) => Results.Ok(new
    {
        recipient = new { algorithm = HybridAlgorithms.KeyEstablishment, keyId = recipient.PublicKey.KeyId, publicKey = Convert.ToBase64String(recipient.PublicKey.Export()) },
        ledger = new { algorithm = HybridAlgorithms.Signature, keyId = store.LedgerKey.KeyId, publicKey = Convert.ToBase64String(store.LedgerKey.Export()) },
    });

    private static string Text(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && !string.IsNullOrEmpty(value.GetString())
            ? value.GetString()!
            : throw new InvalidInputException("$." + name, "required string field is missing");
}
