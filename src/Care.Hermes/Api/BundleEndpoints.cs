using Care.Core.Errors;
using Care.Hermes.Access;
using Care.Hermes.Hosting;
using Care.Hermes.Ingest;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;

namespace Care.Hermes.Api;

/// <summary><c>POST /v1/bundles</c>: a patch's upload, through the kiosk.</summary>
internal static class BundleEndpoints
{
    /// <summary>The media type of a sealed bundle.</summary>
    public const string SealedBundleMediaType = "application/vnd.care.sealed-bundle";

    public static void MapBundles(this IEndpointRouteBuilder api)
    {
        api.MapPost("/bundles", UploadAsync)
            .RequireAuthorization(Policies.Device)
            .WithName("UploadBundle")
            .WithSummary("Upload a sealed patch bundle (application/vnd.care.sealed-bundle: signed by a registered device, encrypted for this Hermes, version-1 JSON inside). 201 when stored, 200 when the same bundle was stored before.")
            .Produces<IngestResult>(StatusCodes.Status201Created)
            .Produces<IngestResult>(StatusCodes.Status200OK)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status409Conflict);
    }

    private static async Task<IResult> UploadAsync(HttpRequest request, BundleIngestor ingestor, HermesOptions options, ILoggerFactory logs, CancellationToken cancellationToken)
    {
        var body = await ReadBodyAsync(request, options.Limits.MaxBytes, cancellationToken);
        var result = await ingestor.IngestAsync(body, cancellationToken);
        HermesLog.BundleIngested(logs.CreateLogger("Care.Hermes.Ingest"), result.BundleId, result.Status, result.ObservationsStored, result.AlertsRaised);
        return result.Status == IngestStatus.Stored
            ? Results.Json(result, statusCode: StatusCodes.Status201Created)
            : Results.Json(result, statusCode: StatusCodes.Status200OK);
    }

    /// <summary>Reads the whole body, refusing more than <paramref name="maxPayloadBytes"/> plus the seal before reading it all.</summary>
    private static async Task<ReadOnlyMemory<byte>> ReadBodyAsync(HttpRequest request, int maxPayloadBytes, CancellationToken cancellationToken)
    {
        int maxBytes = maxPayloadBytes + (8 * 1024); // room for the seal around the payload
        string type = request.ContentType ?? "";
        if (type.StartsWith("application/json", StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidInputException("Content-Type", $"unsigned bundle refused: seal it with the patch's registered identity and send it as {SealedBundleMediaType}");
        }
        if (!type.StartsWith(SealedBundleMediaType, StringComparison.OrdinalIgnoreCase) && !type.StartsWith("application/octet-stream", StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidInputException("Content-Type", $"'{type}' is not accepted; send {SealedBundleMediaType}");
        }
        if (request.ContentLength > maxBytes)
        {
            throw new InvalidInputException("$", $"the bundle is {request.ContentLength} bytes; the limit is {maxBytes} bytes");
        }
        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
        {
            size.MaxRequestBodySize = maxBytes + 1L;
        }
        // The buffer grows with what actually arrives: a declared length allocates nothing before the bytes come.
        using var buffer = new MemoryStream(64 * 1024);
        byte[] chunk = new byte[64 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > maxBytes)
            {
                throw new InvalidInputException("$", $"the bundle is larger than the limit of {maxBytes} bytes");
            }
            buffer.Write(chunk, 0, read);
        }
        return buffer.GetBuffer().AsMemory(0, (int)buffer.Length);
    }
}
