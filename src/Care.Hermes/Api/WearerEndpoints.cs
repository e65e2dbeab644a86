using Care.Clinical.EarlyWarning;
using Care.Core.Doses;
using Care.Core.Errors;
using Care.Core.Events;
using Care.Core.Observations;
using Care.Hermes.Access;
using Care.Hermes.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Care.Hermes.Api;

/// <summary>A wearer's record: observations, insulin doses, rhythm events and risk. Clinicians only; every read is recorded.</summary>
internal static class WearerEndpoints
{
    private const int DefaultLimit = 10_000;
    private const int MaxLimit = 100_000;

    /// <summary>Stated with every risk answer: Care supports clinicians, it does not replace them.</summary>
    public const string DecisionSupport =
        "Decision support only: NEWS2 from continuous patch vitals (15-minute medians; consciousness assumed Alert and breathing air, which a patch cannot observe). A clinician must assess the wearer.";

    public static void MapWearers(this IEndpointRouteBuilder api)
    {
        var wearers = api.MapGroup("/wearers/{id}").RequireAuthorization(Policies.Clinician);
        wearers.MapGet("/observations", ObservationsAsync)
            .WithName("GetObservations")
            .WithSummary("A wearer's observations in time order; optional LOINC code, [from, to) range and limit (default 10,000, at most 100,000).")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);
        wearers.MapGet("/doses", DosesAsync)
            .WithName("GetDoses")
            .WithSummary("A wearer's insulin doses (basal U/h over a period, bolus U, reason) in time order; optional [from, to) range and limit (default 10,000, at most 100,000).")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);
        wearers.MapGet("/events", EventsAsync)
            .WithName("GetEvents")
            .WithSummary("A wearer's rhythm events from the patch ECG (atrial-fibrillation episodes, ventricular runs, pauses) in start order; optional kind, [from, to) range of the start and limit (default 10,000, at most 100,000).")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);
        wearers.MapGet("/ledger", LedgerAsync)
            .WithName("GetWearerLedger")
            .WithSummary("One page of the ledger's entries about this wearer (record accesses, dose plans, cartridge fills, patches, refusals) after index 'after' (default: from the start), at most 'limit' (default 100, at most 1,000): each with an inclusion proof under the newest scheduled signed tree head, verifiable offline with the ledger key from /v1/keys; newer entries are listed as pending; 'nextAfter' reads the next page.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        wearers.MapGet("/risk", RiskAsync)
            .WithName("GetRisk")
            .WithSummary("The wearer's latest NEWS2 assessment with every part and, when Hermes runs the sepsis model, its latest explained output (0-100 score, level, 95 % interval, top contributions with values, notice).")
            .ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static async Task<IResult> ObservationsAsync(
        string id, string? code, string? from, string? to, string? limit,
        HttpContext http, IHermesStore store, TimeProvider time, CancellationToken cancellationToken)
    {
        var wearer = QueryText.Wearer(id);
        var sign = QueryText.Code(code);
        var start = QueryText.Time(from, "from");
        var end = QueryText.Time(to, "to");
        if (start is not null && end is not null && end < start)
        {
            throw new InvalidInputException("to", "must not be earlier than 'from'");
        }
        int max = QueryText.Limit(limit, DefaultLimit, MaxLimit);
        if (await OpenRecordAsync(wearer, "read observations", http, store, time, cancellationToken) is { } refused)
        {
            return refused;
        }
        var rows = await store.QueryObservationsAsync(new ObservationQuery(wearer, sign, start, end, max + 1), cancellationToken);
        return Results.Ok(new
        {
            wearerId = wearer.Value,
            truncated = rows.Count > max,
            observations = rows.Take(max).Select(o =>
            {
                var type = ObservationCatalog.Get(o.Sign);
                return new { code = type.Loinc, unit = type.Ucum, time = o.Time, value = o.Value };
            }),
        });
    }

    private static async Task<IResult> DosesAsync(
        string id, string? from, string? to, string? limit,
        HttpContext http, IHermesStore store, TimeProvider time, CancellationToken cancellationToken)
    {
        var wearer = QueryText.Wearer(id);
        var start = QueryText.Time(from, "from");
        var end = QueryText.Time(to, "to");
        if (start is not null && end is not null && end < start)
        {
            throw new InvalidInputException("to", "must not be earlier than 'from'");
        }
        int max = QueryText.Limit(limit, DefaultLimit, MaxLimit);
        if (await OpenRecordAsync(wearer, "read doses", http, store, time, cancellationToken) is { } refused)
        {
            return refused;
        }
        var rows = await store.QueryDosesAsync(new DoseQuery(wearer, start, end, max + 1), cancellationToken);
        return Results.Ok(new
        {
            wearerId = wearer.Value,
            truncated = rows.Count > max,
            doses = rows.Take(max).Select(d => new
            {
                time = d.Time,
                drug = "insulin",
                unit = "U",
                basalUnitsPerHour = d.BasalUnitsPerHour,
                durationMinutes = d.Duration.TotalMinutes,
                bolusUnits = d.BolusUnits,
                reason = DoseReasonNames.Name(d.Reason),
            }),
        });
    }

    private static async Task<IResult> EventsAsync(
        string id, string? kind, string? from, string? to, string? limit,
        HttpContext http, IHermesStore store, TimeProvider time, CancellationToken cancellationToken)
    {
        var wearer = QueryText.Wearer(id);
        var only = QueryText.Kind(kind);
        var start = QueryText.Time(from, "from");
        var end = QueryText.Time(to, "to");
        if (start is not null && end is not null && end < start)
        {
            throw new InvalidInputException("to", "must not be earlier than 'from'");
        }
        int max = QueryText.Limit(limit, DefaultLimit, MaxLimit);
        if (await OpenRecordAsync(wearer, "read events", http, store, time, cancellationToken) is { } refused)
        {
            return refused;
        }
        var rows = await store.QueryEventsAsync(new EventQuery(wearer, only, start, end, max + 1), cancellationToken);
        return Results.Ok(new
        {
            wearerId = wearer.Value,
            truncated = rows.Count > max,
            events = rows.Take(max).Select(e => new
            {
                kind = PatchEventKinds.Name(e.Kind),
                start = e.Start,
                end = e.End,
                value = e.Value,
                detail = e.Detail,
            }),
        });
    }

    private static async Task<IResult> LedgerAsync(string id, string? after, string? limit, HttpContext http, IHermesStore store, TimeProvider time, CancellationToken cancellationToken)
    {
        var wearer = QueryText.Wearer(id);
        long from = QueryText.Index(after, "after");
        int max = QueryText.Limit(limit, 100, 1000);
        if (await OpenRecordAsync(wearer, "read ledger", http, store, time, cancellationToken) is { } refused)
        {
            return refused;
        }
        // Proven under the newest scheduled head; reading signs nothing, so the answer's size is the page's.
        var page = await store.ProveWearerAsync(wearer, from, max, cancellationToken);
        return Results.Ok(new
        {
            wearerId = wearer.Value,
            ledgerKeyId = store.LedgerKey.KeyId,
            treeHead = page.Head is { } head ? LedgerEndpoints.Describe(head) : null,
            entries = page.Proven.Select(p => System.Text.Json.JsonDocument.Parse(p.ToJson()).RootElement),
            pending = page.Pending.Select(r => new
            {
                index = r.Index,
                entry = System.Text.Json.JsonDocument.Parse(r.Data).RootElement,
                note = "not yet covered by a signed tree head; it will be within the signing interval",
            }),
            nextAfter = page.NextAfter,
        });
    }

    private static async Task<IResult> RiskAsync(string id, HttpContext http, IHermesStore store, TimeProvider time, CancellationToken cancellationToken)
    {
        var wearer = QueryText.Wearer(id);
        if (await OpenRecordAsync(wearer, "read risk", http, store, time, cancellationToken) is { } refused)
        {
            return refused;
        }
        var risk = await store.GetLatestRiskAsync(wearer, cancellationToken);
        var model = await store.GetLatestModelRiskAsync(wearer, cancellationToken);
        if (risk is null && model is null)
        {
            return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "No assessment yet",
                detail: "id: the wearer has no complete set of vitals scored yet");
        }
        return Results.Ok(new
        {
            wearerId = wearer.Value,
            time = risk?.Time,
            score = "NEWS2",
            total = risk?.Score.Total,
            level = risk?.Score.Level.ToName(),
            parts = risk?.Score.Parts is not { } p ? null : new
            {
                respiratoryRate = p.RespiratoryRate,
                spo2 = p.SpO2,
                airOrOxygen = p.AirOrOxygen,
                systolic = p.Systolic,
                pulse = p.Pulse,
                consciousness = p.Consciousness,
                temperature = p.Temperature,
            },
            note = DecisionSupport,
            model = model is null ? null : ModelRiskJson.Describe(model),
        });
    }

    /// <summary>
    /// The gate of every read of a wearer's record: a refusal when the caller's care team does not
    /// include the wearer (403) or the wearer is unknown (404); otherwise the read is written to the
    /// ledger (who, role, which wearer, when, what) before any data is returned, and null comes back.
    /// </summary>
    internal static async Task<IResult?> OpenRecordAsync(Core.Ids.WearerId wearer, string action, HttpContext http, IHermesStore store, TimeProvider time, CancellationToken cancellationToken)
    {
        var caller = Caller.From(http.User);
        if (!caller.MayRead(wearer))
        {
            return OutOfScope(wearer);
        }
        if (!await store.WearerExistsAsync(wearer, cancellationToken))
        {
            return NotFound(wearer.Value);
        }
        await store.RecordAccessAsync(caller.TokenId, caller.Role, [wearer], time.GetUtcNow(), action, cancellationToken);
        return null;
    }

    /// <summary>403 for a wearer outside a care team's token scope (answered before looking the wearer up, so it reveals nothing).</summary>
    internal static IResult OutOfScope(Core.Ids.WearerId wearer) =>
        Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Outside this token's care team",
            detail: $"id: this token may read only its care team's wearers, and '{wearer}' is not one of them");

    internal static IResult NotFound(string id) =>
        Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Unknown wearer", detail: $"id: no data is stored for wearer '{id}'");
}
