using System.Text;
using Care.Core.Errors;
using Care.Core.Ids;
using Care.Hermes.Access;
using Care.Hermes.Hosting;
using Care.Hermes.Ingest;
using Care.Hermes.Interop.Fhir;
using Care.Hermes.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Care.Hermes.Interop.Nightscout;

/// <summary>
/// A Nightscout-compatible API v1 per wearer under <c>/nightscout/{wearer}/api/v1/</c> (a client's
/// "Nightscout URL" is <c>https://host/nightscout/{wearer}</c>). Auth as Nightscout does it: the
/// <c>api-secret</c> header or <c>token=</c> holding the SHA-1 or SHA-512 hex of the wearer's secret
/// (read and upload), or a Care clinician token of the wearer's care team (<c>token=care_…</c> or a
/// bearer header: read only). Refusals answer as Nightscout does: <c>{"status":401,"message":"Unauthorized","description":"Invalid/Missing"}</c>.
/// Every read is ledgered (<c>RecordAccessed</c>), every upload goes through the one ingest.
/// </summary>
internal static class NightscoutEndpoints
{
    /// <summary>What <c>status.json</c> reports as the Nightscout API level it follows.</summary>
    public const string CompatibleVersion = "15.0.0";

    public static void MapNightscout(this IEndpointRouteBuilder app)
    {
        var v1 = app.MapGroup("/nightscout/{wearer}/api/v1");
        foreach (string path in new[] { "/entries", "/entries.json", "/entries/sgv", "/entries/sgv.json" })
        {
            v1.MapGet(path, (string wearer, HttpContext http, CancellationToken ct) => EntriesAsync(wearer, http, current: false, ct));
            v1.MapPost(path, (string wearer, HttpContext http, CancellationToken ct) => UploadAsync(wearer, http, ct));
        }
        foreach (string path in new[] { "/entries/current", "/entries/current.json" })
        {
            v1.MapGet(path, (string wearer, HttpContext http, CancellationToken ct) => EntriesAsync(wearer, http, current: true, ct));
        }
        foreach (string path in new[] { "/treatments", "/treatments.json" })
        {
            v1.MapGet(path, TreatmentsAsync);
            v1.MapPost(path, (string wearer) => ReadOnly("treatments"));
        }
        foreach (string path in new[] { "/devicestatus", "/devicestatus.json" })
        {
            v1.MapGet(path, DeviceStatusAsync);
            v1.MapPost(path, (string wearer) => ReadOnly("devicestatus"));
        }
        v1.MapGet("/status.json", ServerStatus);
        v1.MapGet("/status", ServerStatus);
        v1.MapGet("/verifyauth", VerifyAuthAsync);
    }

    private static async Task<IResult> EntriesAsync(string wearer, HttpContext http, bool current, CancellationToken cancellationToken)
    {
        var (access, refused) = await ReadGateAsync(wearer, http, "Nightscout read entries", cancellationToken);
        if (refused is not null)
        {
            return refused;
        }
        var services = http.RequestServices;
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        NightscoutFilter filter;
        try
        {
            filter = NightscoutFilter.Parse(http.Request.Query, now, ["date", "dateString"], "sgv", "type");
        }
        catch (InvalidInputException e)
        {
            return Status(StatusCodes.Status400BadRequest, "Bad Request", e.Message);
        }
        if (current)
        {
            filter = filter with { Count = 1, From = DateTimeOffset.UnixEpoch.AddYears(30) };
        }
        if (http.Request.Path.Value?.EndsWith("/sgv", StringComparison.Ordinal) == true || http.Request.Path.Value?.EndsWith("/sgv.json", StringComparison.Ordinal) == true)
        {
            filter = filter with { Type = "sgv" };
        }
        var entries = await NightscoutEntries.ReadAsync(services.GetRequiredService<IHermesStore>(), access.Wearer, filter, now, cancellationToken);
        if (WantsJson(http.Request))
        {
            return Results.Json(entries);
        }
        // Nightscout answers text when JSON is not asked for: tab-separated, CRLF between lines.
        string tsv = string.Join("\r\n", entries.Select(e => e.ToTsvLine()));
        string media = http.Request.Headers.Accept.ToString().Contains("text/tab-separated-values", StringComparison.Ordinal) ? "text/tab-separated-values" : "text/plain";
        return Results.Text(tsv, media, Encoding.UTF8);
    }

    private static async Task<IResult> UploadAsync(string wearer, HttpContext http, CancellationToken cancellationToken)
    {
        var services = http.RequestServices;
        var access = await ResolveAsync(wearer, http, cancellationToken);
        if (!access.CanWrite)
        {
            return Unauthorized();
        }
        var time = services.GetRequiredService<TimeProvider>();
        var limits = services.GetRequiredService<HermesOptions>().Limits;
        try
        {
            using var buffer = new MemoryStream();
            await http.Request.Body.CopyToAsync(buffer, cancellationToken);
            var readings = NightscoutEntries.ParseUpload(buffer.ToArray(), time.GetUtcNow(), limits);
            var store = services.GetRequiredService<IHermesStore>();
            // Duplicates are merged as Nightscout merges them (same time and type); a stored reading stays as it is (the record is append-only).
            var stored = await store.QueryObservationsAsync(new ObservationQuery(access.Wearer, Core.Observations.VitalSign.InterstitialGlucose,
                readings[0].Time, readings[^1].Time.AddMilliseconds(1), NightscoutFilter.MaxCount), cancellationToken);
            var known = stored.Select(o => o.Time).ToHashSet();
            var fresh = readings.Where(r => !known.Contains(r.Time)).ToList();
            if (fresh.Count > 0)
            {
                await services.GetRequiredService<BundleIngestor>().IngestImportedAsync(
                    FhirImporter.ToBundle(access.Wearer, fresh, "ns"), "nightscout:" + access.TokenId, cancellationToken);
            }
            var all = await store.QueryObservationsAsync(new ObservationQuery(access.Wearer, Core.Observations.VitalSign.InterstitialGlucose,
                readings[0].Time - NightscoutDirection.Window, readings[^1].Time.AddMilliseconds(1), NightscoutFilter.MaxCount), cancellationToken);
            var byTime = new Dictionary<DateTimeOffset, int>();
            for (int i = 0; i < all.Count; i++)
            {
                byTime[all[i].Time] = i;
            }
            return Results.Json(readings.Select(r => byTime.TryGetValue(r.Time, out int i)
                ? NightscoutEntry.From(access.Wearer, all[i].Time, all[i].Value, NightscoutDirection.FromRate(NightscoutDirection.Rate(all, i)))
                : NightscoutEntry.From(access.Wearer, r.Time, r.Value, NightscoutDirection.NotComputable)).ToList());
        }
        catch (InvalidInputException e)
        {
            return Status(StatusCodes.Status400BadRequest, "Bad Request", e.Message);
        }
        catch (IngestConflictException e)
        {
            return Status(StatusCodes.Status409Conflict, "Conflict", $"{e.Where}: {e.Problem}");
        }
    }

    private static async Task<IResult> TreatmentsAsync(string wearer, HttpContext http, CancellationToken cancellationToken)
    {
        var (access, refused) = await ReadGateAsync(wearer, http, "Nightscout read treatments", cancellationToken);
        if (refused is not null)
        {
            return refused;
        }
        var services = http.RequestServices;
        NightscoutFilter filter;
        try
        {
            filter = NightscoutFilter.Parse(http.Request.Query, services.GetRequiredService<TimeProvider>().GetUtcNow(), ["created_at"], "insulin", "eventType");
        }
        catch (InvalidInputException e)
        {
            return Status(StatusCodes.Status400BadRequest, "Bad Request", e.Message);
        }
        return Results.Json(await NightscoutTreatments.ReadAsync(services.GetRequiredService<IHermesStore>(), access.Wearer, filter, cancellationToken));
    }

    private static async Task<IResult> DeviceStatusAsync(string wearer, HttpContext http, CancellationToken cancellationToken)
    {
        var (access, refused) = await ReadGateAsync(wearer, http, "Nightscout read devicestatus", cancellationToken);
        if (refused is not null)
        {
            return refused;
        }
        var services = http.RequestServices;
        var store = services.GetRequiredService<IHermesStore>();
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        var doses = await store.QueryDosesAsync(new DoseQuery(access.Wearer, now - NightscoutFilter.DefaultAge, null, NightscoutFilter.MaxCount), cancellationToken);
        if (doses.Count == 0)
        {
            return Results.Json(Array.Empty<object>());
        }
        var last = doses[^1];
        bool suspended = last.Reason == Core.Doses.DoseDeliveryReason.Suspend;
        // What a patch's bundle carries: its loop's last delivery. Battery and cartridge level are not in the
        // bundle format yet, so they are absent rather than invented.
        return Results.Json(new[]
        {
            new Dictionary<string, object?>
            {
                ["_id"] = NightscoutEntry.ObjectId("devicestatus", access.Wearer, last.Time),
                ["device"] = NightscoutEntry.CareDevice,
                ["created_at"] = NightscoutEntry.Iso(last.Time),
                ["mills"] = last.Time.ToUnixTimeMilliseconds(),
                ["pump"] = new Dictionary<string, object?>
                {
                    ["clock"] = NightscoutEntry.Iso(last.Time),
                    ["status"] = new Dictionary<string, object?> { ["status"] = suspended ? "suspended" : "normal", ["suspended"] = suspended, ["timestamp"] = NightscoutEntry.Iso(last.Time) },
                },
                ["loop"] = new Dictionary<string, object?>
                {
                    ["name"] = "care-patch-loop",
                    ["timestamp"] = NightscoutEntry.Iso(last.Time),
                    ["enacted"] = new Dictionary<string, object?>
                    {
                        ["timestamp"] = NightscoutEntry.Iso(last.Time),
                        ["rate"] = Math.Round(last.BasalUnitsPerHour, 3),
                        ["duration"] = Math.Round(last.Duration.TotalMinutes, 2),
                        ["bolusVolume"] = Math.Round(last.BolusUnits, 3),
                        ["reason"] = Core.Doses.DoseReasonNames.Name(last.Reason),
                        ["received"] = true,
                    },
                },
            },
        });
    }

    private static IResult ServerStatus(string wearer, TimeProvider time)
    {
        var now = time.GetUtcNow();
        return Results.Json(new Dictionary<string, object?>
        {
            ["status"] = "ok",
            ["name"] = "care-hermes",
            ["version"] = CompatibleVersion,
            ["serverTime"] = NightscoutEntry.Iso(now),
            ["serverTimeEpoch"] = now.ToUnixTimeMilliseconds(),
            ["apiEnabled"] = true,
            ["careportalEnabled"] = false,
            ["boluscalcEnabled"] = false,
            ["settings"] = new Dictionary<string, object?>
            {
                ["units"] = "mg/dl",
                ["timeFormat"] = 24,
                ["customTitle"] = "Care",
                ["authDefaultRoles"] = "denied",
                ["enable"] = Array.Empty<string>(),
                ["thresholds"] = new Dictionary<string, object?> { ["bgHigh"] = 250, ["bgTargetTop"] = 180, ["bgTargetBottom"] = 70, ["bgLow"] = 54 },
            },
            ["extendedSettings"] = new Dictionary<string, object?>(),
            ["authorized"] = null,
        });
    }

    private static async Task<IResult> VerifyAuthAsync(string wearer, HttpContext http, CancellationToken cancellationToken)
    {
        var access = await ResolveAsync(wearer, http, cancellationToken);
        bool authorized = access.CanRead;
        return Results.Json(new Dictionary<string, object?>
        {
            ["status"] = 200,
            ["message"] = new Dictionary<string, object?>
            {
                ["canRead"] = access.CanRead,
                ["canWrite"] = access.CanWrite,
                ["isAdmin"] = access.CanWrite,
                ["message"] = authorized ? "OK" : "UNAUTHORIZED",
                ["rolefound"] = authorized ? "FOUND" : "NOTFOUND",
                ["permissions"] = authorized ? "ROLE" : "DEFAULT",
            },
        });
    }

    /// <summary>Resolves the caller for reading and ledgers the read; a refusal is Nightscout's 401.</summary>
    private static async Task<(NightscoutAccess Access, IResult? Refused)> ReadGateAsync(string wearer, HttpContext http, string action, CancellationToken cancellationToken)
    {
        var access = await ResolveAsync(wearer, http, cancellationToken);
        if (!access.CanRead)
        {
            return (access, Unauthorized());
        }
        var services = http.RequestServices;
        await services.GetRequiredService<IHermesStore>().RecordAccessAsync(access.TokenId!, Role.Clinician, [access.Wearer],
            services.GetRequiredService<TimeProvider>().GetUtcNow(), action, cancellationToken);
        return (access, null);
    }

    /// <summary>Who is calling, for the wearer the URL names: the wearer's API secret (read and write), or a clinician token of the care team (read).</summary>
    internal static async Task<NightscoutAccess> ResolveAsync(string wearerText, HttpContext http, CancellationToken cancellationToken)
    {
        if (!WearerId.TryParse(wearerText, out var wearer))
        {
            return NightscoutAccess.Refused;
        }
        var services = http.RequestServices;
        var secrets = services.GetRequiredService<NightscoutSecrets>();
        string? secret = http.Request.Headers["api-secret"].FirstOrDefault();
        string? token = http.Request.Query["token"].FirstOrDefault();
        if (!string.IsNullOrEmpty(secret) || (!string.IsNullOrEmpty(token) && !token.StartsWith(TokenIssuer.Prefix, StringComparison.Ordinal)))
        {
            var found = await secrets.FindAsync(!string.IsNullOrEmpty(secret) ? secret : token, cancellationToken);
            return found is { } f && f.Wearer == wearer
                ? new NightscoutAccess(f.TokenId, true, true, true) { Wearer = wearer }
                : NightscoutAccess.Refused;
        }
        Caller? caller = null;
        if (!string.IsNullOrEmpty(token))
        {
            var record = await services.GetRequiredService<TokenIssuer>().FindAsync(token, cancellationToken);
            caller = record is null ? null : new Caller(record.Id, record.Role, record.Wearers?.ToHashSet());
            if (caller is null)
            {
                return NightscoutAccess.Refused;
            }
        }
        else if (http.User.Identity?.IsAuthenticated == true)
        {
            caller = Caller.From(http.User);
        }
        if (caller is null)
        {
            return http.Request.Headers.Authorization.Count > 0 ? NightscoutAccess.Refused : NightscoutAccess.None;
        }
        bool reads = caller.Role == Role.Clinician && caller.MayRead(wearer) && await FhirEndpoints.IsKnownAsync(services.GetRequiredService<IHermesStore>(), wearer, cancellationToken);
        return reads ? new NightscoutAccess(caller.TokenId, true, false, true) { Wearer = wearer } : NightscoutAccess.Refused;
    }

    private static IResult ReadOnly(string collection) =>
        Status(StatusCodes.Status405MethodNotAllowed, "Method Not Allowed",
            $"{collection}: Care's Nightscout API takes uploads of CGM entries only; insulin and device state come from the patch's signed bundles");

    /// <summary>Nightscout's 401 exactly: <c>{"status":401,"message":"Unauthorized","description":"Invalid/Missing"}</c>.</summary>
    internal static IResult Unauthorized() => Status(StatusCodes.Status401Unauthorized, "Unauthorized", "Invalid/Missing");

    /// <summary>Nightscout's JSON status shape (<c>sendJSONStatus</c>): status, message, description.</summary>
    private static IResult Status(int status, string message, string description) =>
        Results.Json(new Dictionary<string, object?> { ["status"] = status, ["message"] = message, ["description"] = description }, statusCode: status);

    /// <summary>JSON when the path ends in <c>.json</c> or the client accepts <c>application/json</c>; Nightscout answers text otherwise.</summary>
    private static bool WantsJson(HttpRequest request) =>
        request.Path.Value?.EndsWith(".json", StringComparison.Ordinal) == true
        || request.Headers.Accept.ToString().Contains("application/json", StringComparison.OrdinalIgnoreCase);
}
