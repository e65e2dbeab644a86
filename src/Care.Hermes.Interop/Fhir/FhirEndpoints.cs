using System.Globalization;
using Care.Core.Errors;
using Care.Core.Ids;
using Care.Hermes.Access;
using Care.Hermes.Storage;
using Hl7.Fhir.Model;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Care.Hermes.Interop.Fhir;

/// <summary>
/// The FHIR R4 endpoints: <c>GET /fhir/Patient/{id}/$everything</c> (a wearer's record, streamed,
/// <c>_since</c>/<c>_count</c> paging) and <c>POST /fhir</c> (a transaction Bundle of Observations).
/// Clinician tokens only, scoped to the care team like the JSON API; every read is written to the
/// ledger (<c>RecordAccessed</c>) before any data leaves, every import through the one ingest.
/// </summary>
internal static class FhirEndpoints
{
    public static void MapFhir(this IEndpointRouteBuilder app)
    {
        var fhir = app.MapGroup("/fhir").RequireAuthorization(Policies.Clinician);
        fhir.MapGet("/Patient/{id}/$everything", EverythingAsync)
            .WithName("FhirEverything")
            .WithSummary("A wearer's record as a FHIR R4 searchset Bundle: Patient, Devices, Observations (LOINC + UCUM), MedicationAdministrations (insulin), RiskAssessments (NEWS2, sepsis model), Flags (alerts), Provenance (ledger entries); _since and _count page it.");
        fhir.MapPost("/", ImportAsync)
            .WithName("FhirTransaction")
            .WithSummary("A FHIR R4 transaction Bundle of Observations for one known wearer, validated, mapped to Care's catalogue and stored all or nothing through the one ingest.");
    }

    private static async System.Threading.Tasks.Task EverythingAsync(
        string id, HttpContext http, IHermesStore store, TimeProvider time, CancellationToken cancellationToken)
    {
        IResult? refused;
        FhirPageRequest? request = null;
        try
        {
            request = Parse(id, http);
            refused = await OpenRecordAsync(request.Wearer, "read FHIR $everything", http, store, time, cancellationToken);
        }
        catch (InvalidInputException e)
        {
            refused = FhirOutcome.Result(StatusCodes.Status400BadRequest, FhirOutcome.From(e.Errors));
        }
        if (refused is not null)
        {
            await refused.ExecuteAsync(http);
            return;
        }
        http.Response.ContentType = FhirOutcome.MediaType + "; charset=utf-8";
        await new FhirExporter(store, time).WriteAsync(http.Response.Body, request!, cancellationToken);
    }

    private static FhirPageRequest Parse(string id, HttpContext http)
    {
        if (!WearerId.TryParse(id, out var wearer))
        {
            throw new InvalidInputException("id", $"'{id}' is not a wearer id: {Core.Ids.IdText.Rule}");
        }
        DateTimeOffset? since = null;
        if (http.Request.Query["_since"].ToString() is { Length: > 0 } s)
        {
            since = DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var t) && s.Contains('T', StringComparison.Ordinal)
                ? t : throw new InvalidInputException("_since", $"'{s}' is not a FHIR instant (e.g. 2026-11-26T00:00:00Z)");
        }
        int? count = null;
        if (http.Request.Query["_count"].ToString() is { Length: > 0 } c)
        {
            count = int.TryParse(c, NumberStyles.None, CultureInfo.InvariantCulture, out int n) && n is >= 1 and <= FhirPageRequest.MaxCount
                ? n : throw new InvalidInputException("_count", $"'{c}' is not a whole number from 1 to {FhirPageRequest.MaxCount}");
        }
        string baseUrl = $"{http.Request.Scheme}://{http.Request.Host}{http.Request.PathBase}/fhir";
        return new FhirPageRequest(wearer, since, count, since is null, baseUrl);
    }

    private static async Task<IResult> ImportAsync(HttpContext http, IHermesStore store, FhirImporter importer, TimeProvider time, CancellationToken cancellationToken)
    {
        var caller = Caller.From(http.User);
        try
        {
            var parsed = await importer.ParseAsync(http.Request.Body, cancellationToken);
            if (!caller.MayRead(parsed.WearerId))
            {
                return FhirOutcome.Result(StatusCodes.Status403Forbidden, "Bundle.entry[0].resource.subject",
                    $"this token may write only its care team's wearers, and '{parsed.WearerId}' is not one of them", OperationOutcome.IssueType.Forbidden);
            }
            if (!await IsKnownAsync(store, parsed.WearerId, cancellationToken))
            {
                return FhirOutcome.Result(StatusCodes.Status404NotFound, "Bundle.entry[0].resource.subject",
                    $"wearer '{parsed.WearerId}' is unknown here (no data stored and no patch enrolled)", OperationOutcome.IssueType.NotFound);
            }
            var result = await importer.StoreAsync(parsed, "fhir:" + caller.TokenId, cancellationToken);
            return Results.Text(System.Text.Json.JsonSerializer.Serialize(FhirImporter.Response(parsed, result, time.GetUtcNow()), FhirExporter.Json),
                FhirOutcome.MediaType, System.Text.Encoding.UTF8, StatusCodes.Status200OK);
        }
        catch (InvalidInputException e)
        {
            return FhirOutcome.Result(StatusCodes.Status400BadRequest, FhirOutcome.From(e.Errors));
        }
        catch (Ingest.IngestConflictException e)
        {
            return FhirOutcome.Result(StatusCodes.Status409Conflict, e.Where, e.Problem, OperationOutcome.IssueType.Conflict);
        }
    }

    /// <summary>A wearer Hermes knows: with stored data, or with a ledger entry about them (a patch enrolled at a kiosk).</summary>
    internal static async Task<bool> IsKnownAsync(IHermesStore store, WearerId wearer, CancellationToken cancellationToken) =>
        await store.WearerExistsAsync(wearer, cancellationToken)
        || (await store.ProveWearerAsync(wearer, -1, 1, cancellationToken)) is { } page && (page.Proven.Count > 0 || page.Pending.Count > 0);

    /// <summary>
    /// The record gate the JSON API uses: a care team's token reads only its wearers (403, before the
    /// wearer is looked up), an unknown wearer is 404, and the read is ledgered before any data goes out.
    /// </summary>
    internal static async Task<IResult?> OpenRecordAsync(WearerId wearer, string action, HttpContext http, IHermesStore store, TimeProvider time, CancellationToken cancellationToken)
    {
        var caller = Caller.From(http.User);
        if (!caller.MayRead(wearer))
        {
            return FhirOutcome.Result(StatusCodes.Status403Forbidden, "id", $"this token may read only its care team's wearers, and '{wearer}' is not one of them", OperationOutcome.IssueType.Forbidden);
        }
        if (!await store.WearerExistsAsync(wearer, cancellationToken))
        {
            return FhirOutcome.Result(StatusCodes.Status404NotFound, "id", $"no data is stored for wearer '{wearer}'", OperationOutcome.IssueType.NotFound);
        }
        await store.RecordAccessAsync(caller.TokenId, caller.Role, [wearer], time.GetUtcNow(), action, cancellationToken);
        return null;
    }
}
