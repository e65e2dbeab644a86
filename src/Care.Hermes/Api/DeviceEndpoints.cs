using System.Text.Json;
using Care.Core.Errors;
using Care.Core.Ids;
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
            .WithSummary("Register a patch identity for one wearer: {\"deviceId\", \"wearerId\", \"kioskId\", \"algorithm\": \"hybrid-ed25519-mldsa65\", \"publicKey\": base64}. The patch may then write only that wearer's record. Classical-only identities (RSA, ECDSA, Ed25519 alone) are refused. DeviceRegistered goes to the ledger.")
            .ProducesProblem(StatusCodes.Status400BadRequest);
        api.MapPost("/devices/{id}/retire", (string id, HttpContext http, IHermesStore store, TimeProvider time, Ledger.TreeHeadSchedule heads, CancellationToken ct) =>
                EndAsync(id, DeviceEnd.Retired, http, store, time, heads, ct))
            .RequireAuthorization(Policies.Admin)
            .WithName("RetireDevice")
            .WithSummary("Retire a patch at a swap, once Hermes acknowledged its data: its later bundles are refused. DeviceRetired goes to the ledger.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        api.MapPost("/devices/{id}/revoke", (string id, HttpContext http, IHermesStore store, TimeProvider time, Ledger.TreeHeadSchedule heads, CancellationToken ct) =>
                EndAsync(id, DeviceEnd.Revoked, http, store, time, heads, ct))
            .RequireAuthorization(Policies.Admin)
            .WithName("RevokeDevice")
            .WithSummary("Revoke a lost, stolen or compromised patch: its bundles are refused from now on. DeviceRetired (reason revoked) goes to the ledger.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("/keys", Keys)
            .AllowAnonymous()
            .WithName("GetKeys")
            .WithSummary("Hermes's public keys: the recipient key patches seal bundles for, and the ledger key that verifies signed tree heads.");
    }

    private static async Task<IResult> RegisterAsync(HttpRequest request, HttpContext http, IHermesStore store, TimeProvider time, Ledger.TreeHeadSchedule heads, CancellationToken cancellationToken)
    {
        string deviceId, algorithm, kiosk;
        WearerId wearer;
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
            if (!PatchId.TryParse(deviceId, out _))
            {
                throw new InvalidInputException("$.deviceId", $"not a valid patch id ({IdText.Rule})");
            }
            wearer = WearerId.TryParse(Text(root, "wearerId"), out var w) ? w : throw new InvalidInputException("$.wearerId", $"not a valid wearer id ({IdText.Rule})");
            kiosk = root.TryGetProperty("kioskId", out _) ? Text(root, "kioskId") : "unspecified";
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
        await store.RegisterDeviceAsync(new DeviceEnrolment(deviceId, algorithm, publicKey, wearer, kiosk, Caller.From(http.User).TokenId, time.GetUtcNow()), cancellationToken);
        await heads.SignIfDueAsync(cancellationToken);
        return Results.Json(new { deviceId, wearerId = wearer.Value, kioskId = kiosk, algorithm }, statusCode: StatusCodes.Status201Created);
    }

    private static async Task<IResult> EndAsync(string id, DeviceEnd reason, HttpContext http, IHermesStore store, TimeProvider time, Ledger.TreeHeadSchedule heads, CancellationToken cancellationToken)
    {
        if (!await store.EndDeviceAsync(id, reason, Caller.From(http.User).TokenId, time.GetUtcNow(), cancellationToken))
        {
            return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Unknown device", detail: $"id: no device '{id}' is registered");
        }
        await heads.SignIfDueAsync(cancellationToken);
        return Results.Ok(reason == DeviceEnd.Revoked ? new { deviceId = id, revoked = true, retired = false } : new { deviceId = id, revoked = false, retired = true });
    }

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
