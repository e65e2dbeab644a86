using System.Globalization;
using System.Text.Json;
using Care.Core.Errors;
using Care.Core.Ids;
using Care.Epidemic.Exports;
using Care.Epidemic.Proximity;
using Care.Hermes.Access;
using Care.Hermes.Exposure;
using Care.Hermes.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Care.Hermes.Api;

/// <summary>
/// Proximity tracing (ADR 0021): verification codes (clinicians), diagnosis-key uploads and anonymous
/// notification counts (kiosks), the signed export files (anyone, as a GAEN key server), publication on demand (admins).
/// </summary>
internal static class ExposureEndpoints
{
    public static void MapExposure(this IEndpointRouteBuilder api)
    {
        api.MapPost("/exposure/verification-codes", IssueCodeAsync)
            .RequireAuthorization(Policies.Clinician)
            .WithName("IssueVerificationCode")
            .WithSummary("Issue a one-time verification code for a diagnosed wearer: {\"wearerId\", \"reportType\" (confirmed-test, default, or clinical-diagnosis), \"symptomOnset\" (optional, yyyy-MM-dd)}. Answers the code once; Hermes keeps only its hash. Written to the ledger (VerificationCodeIssued, without the code).")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);
        api.MapPost("/exposure/diagnosis-keys", UploadKeysAsync)
            .RequireAuthorization(Policies.Device)
            .WithName("UploadDiagnosisKeys")
            .WithSummary("Upload a consenting wearer's temporary exposure keys with a verification code: {\"verificationCode\", \"keys\": [{\"keyData\" (base64, 16 bytes), \"rollingStartIntervalNumber\", \"rollingPeriod\", \"transmissionRiskLevel\"}]}. The keys are stored for the next export and the code is used up in one transaction; a retry of the same upload answers already-published.")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status409Conflict);
        api.MapGet("/exposure/exports", ListExportsAsync)
            .AllowAnonymous()
            .WithName("ListExposureExports")
            .WithSummary("The index of signed GAEN export files, oldest first, after export id 'after' (optional), at most 'limit' (default 1,000).")
            .ProducesProblem(StatusCodes.Status400BadRequest);
        api.MapGet("/exposure/exports/{id}", GetExportAsync)
            .AllowAnonymous()
            .WithName("GetExposureExport")
            .WithSummary("One export file (application/zip: export.bin and export.sig with an ECDSA P-256 and a hybrid post-quantum TEKSignature).")
            .ProducesProblem(StatusCodes.Status404NotFound);
        api.MapPost("/exposure/exports", PublishAsync)
            .RequireAuthorization(Policies.Admin)
            .WithName("PublishExposureExports")
            .WithSummary("Publish pending diagnosis keys now (the publisher also runs hourly). Answers the exports written.");
        api.MapPost("/exposure/notifications", ReportNotificationsAsync)
            .RequireAuthorization(Policies.Device)
            .WithName("ReportExposureNotifications")
            .WithSummary("A kiosk's anonymous count of exposure notifications: {\"reportId\" (a fresh UUID; a resend with the same id adds nothing), \"region\", \"day\" (yyyy-MM-dd), \"count\"}. No wearer, patch or kiosk is stored.")
            .ProducesProblem(StatusCodes.Status400BadRequest);
    }

    private static async Task<IResult> IssueCodeAsync(HttpRequest request, HttpContext http, IHermesStore store, ExposureService exposure, Ledger.TreeHeadSchedule heads, CancellationToken cancellationToken)
    {
        using var json = await JsonBody.ReadObjectAsync(request, cancellationToken);
        var root = json.RootElement;
        if (!WearerId.TryParse(Text(root, "wearerId"), out var wearer))
        {
            throw new InvalidInputException("$.wearerId", $"not a valid wearer id ({IdText.Rule})");
        }
        var reportType = OptionalText(root, "reportType") switch
        {
            null or "confirmed-test" => ReportType.ConfirmedTest,
            "clinical-diagnosis" => ReportType.ConfirmedClinicalDiagnosis,
            var other => throw new InvalidInputException("$.reportType", $"'{other}' is not a report type; use confirmed-test or clinical-diagnosis"),
        };
        DateOnly? onset = OptionalText(root, "symptomOnset") is { } text
            ? DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) ? day
                : throw new InvalidInputException("$.symptomOnset", $"'{text}' is not a date (yyyy-MM-dd)")
            : null;
        var caller = Caller.From(http.User);
        if (!caller.MayRead(wearer))
        {
            return WearerEndpoints.OutOfScope(wearer);
        }
        if (!await store.WearerExistsAsync(wearer, cancellationToken))
        {
            return WearerEndpoints.NotFound(wearer.Value);
        }
        var (code, expires) = await exposure.IssueCodeAsync(wearer, caller, reportType, onset, cancellationToken);
        await heads.SignIfDueAsync(cancellationToken);
        http.Response.Headers.CacheControl = "no-store";
        return Results.Json(new { verificationCode = code, expiresAt = expires }, statusCode: StatusCodes.Status201Created);
    }

    private static async Task<IResult> UploadKeysAsync(HttpRequest request, ExposureService exposure, Ledger.TreeHeadSchedule heads, CancellationToken cancellationToken)
    {
        using var json = await JsonBody.ReadObjectAsync(request, cancellationToken);
        var root = json.RootElement;
        var code = root.TryGetProperty("verificationCode", out var c) && c.ValueKind == JsonValueKind.String ? c.GetString() : null;
        var keys = ReadKeys(root);
        var result = await exposure.UploadAsync(code, keys, cancellationToken);
        await heads.SignIfDueAsync(cancellationToken);
        return result.Outcome switch
        {
            KeyUploadOutcome.Published => Results.Json(new { status = "published", keys = keys.Count }),
            KeyUploadOutcome.AlreadyPublished => Results.Json(new { status = "already-published", keys = keys.Count }),
            KeyUploadOutcome.UnknownCode => Refused(StatusCodes.Status403Forbidden, "Unknown verification code", "$.verificationCode", "no such verification code; nothing was published"),
            KeyUploadOutcome.ExpiredCode => Refused(StatusCodes.Status403Forbidden, "Expired verification code", "$.verificationCode", "the verification code has expired; ask the clinician for a new one; nothing was published"),
            KeyUploadOutcome.UsedCode => Refused(StatusCodes.Status409Conflict, "Used verification code", "$.verificationCode", "the verification code was already used for other keys; nothing was published"),
            KeyUploadOutcome.KeyAlreadyPublished => Refused(StatusCodes.Status409Conflict, "Key published before", $"$.keys[{result.KeyIndex}].keyData", "this key was published before; nothing was published and the code is still unused"),
            _ => throw new InvalidOperationException($"unexpected upload outcome {result.Outcome}"),
        };
    }

    private static async Task<IResult> ListExportsAsync(string? after, string? limit, IExposureStore store, CancellationToken cancellationToken)
    {
        long from = string.IsNullOrEmpty(after) ? 0 : QueryText.Index(after, "after");
        var exports = await store.ListExportsAsync(from, QueryText.Limit(limit, 1000, 10_000), cancellationToken);
        return Results.Ok(new
        {
            exports = exports.Select(e => new
            {
                id = e.Id,
                region = e.Region,
                startTimestamp = e.StartUnixSeconds,
                endTimestamp = e.EndUnixSeconds,
                keyCount = e.KeyCount,
                sha256 = e.Sha256,
                publishedAt = e.PublishedAt,
                href = $"/v1/exposure/exports/{e.Id}",
            }),
        });
    }

    private static async Task<IResult> GetExportAsync(string id, IExposureStore store, CancellationToken cancellationToken)
    {
        if (!long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out long exportId) || exportId < 1)
        {
            throw new InvalidInputException("id", $"'{id}' is not an export id (a positive whole number)");
        }
        var zip = await store.ReadExportAsync(exportId, cancellationToken);
        return zip is null
            ? Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Unknown export", detail: $"id: no export {exportId}")
            : Results.File(zip, "application/zip", $"export-{exportId}.zip");
    }

    private static async Task<IResult> PublishAsync(ExportPublisher publisher, Ledger.TreeHeadSchedule heads, CancellationToken cancellationToken)
    {
        var exports = await publisher.PublishAsync(cancellationToken);
        await heads.SignIfDueAsync(cancellationToken);
        return Results.Ok(new { exports = exports.Select(e => new { id = e.Id, keyCount = e.KeyCount, sha256 = e.Sha256 }) });
    }

    private static async Task<IResult> ReportNotificationsAsync(HttpRequest request, ExposureService exposure, CancellationToken cancellationToken)
    {
        using var json = await JsonBody.ReadObjectAsync(request, cancellationToken);
        var root = json.RootElement;
        if (!Guid.TryParse(Text(root, "reportId"), out var reportId))
        {
            throw new InvalidInputException("$.reportId", "not a UUID");
        }
        var dayText = Text(root, "day");
        if (!DateOnly.TryParseExact(dayText, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            throw new InvalidInputException("$.day", $"'{dayText}' is not a date (yyyy-MM-dd)");
        }
        if (!root.TryGetProperty("count", out var c) || c.ValueKind != JsonValueKind.Number || !c.TryGetInt32(out int count))
        {
            throw new InvalidInputException("$.count", "required whole number field is missing");
        }
        bool recorded = await exposure.ReportNotificationsAsync(reportId, Text(root, "region"), day, count, cancellationToken);
        return Results.Json(new { recorded }, statusCode: StatusCodes.Status202Accepted);
    }

    private static List<DiagnosisKey> ReadKeys(JsonElement root)
    {
        if (!root.TryGetProperty("keys", out var array) || array.ValueKind != JsonValueKind.Array)
        {
            throw new InvalidInputException("$.keys", "required array of keys is missing");
        }
        var keys = new List<DiagnosisKey>();
        var errors = new List<InputError>();
        int i = 0;
        foreach (var item in array.EnumerateArray())
        {
            var where = $"$.keys[{i++}]";
            if (item.ValueKind != JsonValueKind.Object)
            {
                errors.Add(new InputError(where, "expected a key object"));
                continue;
            }
            byte[]? data = null;
            if (!item.TryGetProperty("keyData", out var d) || d.ValueKind != JsonValueKind.String || !d.TryGetBytesFromBase64(out data) || data.Length != Block128.Size)
            {
                errors.Add(new InputError($"{where}.keyData", $"must be {Block128.Size} bytes in base64{(data is null ? "" : $", not {data.Length}")}"));
            }
            int? Int(string name)
            {
                if (item.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number && v.TryGetInt32(out int n))
                {
                    return n;
                }
                errors.Add(new InputError($"{where}.{name}", "required whole number field is missing"));
                return null;
            }
            int? start = Int("rollingStartIntervalNumber");
            int? period = Int("rollingPeriod");
            int risk = item.TryGetProperty("transmissionRiskLevel", out _) ? Int("transmissionRiskLevel") ?? 0 : 0;
            if (data is { Length: Block128.Size } && start is { } s && period is { } p)
            {
                keys.Add(new DiagnosisKey(Block128.FromBytes(data), s, p, risk, ReportType.ConfirmedTest, null));
            }
        }
        if (errors.Count > 0)
        {
            throw new InvalidInputException(errors);
        }
        return keys;
    }

    private static IResult Refused(int status, string title, string where, string detail) =>
        Results.Problem(statusCode: status, title: title, detail: $"{where}: {detail}", extensions: new Dictionary<string, object?> { ["errors"] = new[] { new { where, problem = detail } } });

    private static string Text(JsonElement root, string name) =>
        OptionalText(root, name) ?? throw new InvalidInputException("$." + name, "required string field is missing");

    private static string? OptionalText(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && !string.IsNullOrWhiteSpace(value.GetString())
            ? value.GetString()
            : null;
}
