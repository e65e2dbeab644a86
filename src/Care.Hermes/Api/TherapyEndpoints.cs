using System.Text.Json;
using Care.Core.Errors;
using Care.Core.Ids;
using Care.Hermes.Access;
using Care.Hermes.Storage;
using Care.Hermes.Therapy;
using Care.Trust.Ledger.Entries;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Care.Hermes.Api;

/// <summary>
/// Dose plans and cartridge fills, each written to the ledger as it happens: a clinician issues a
/// plan (<c>DosePlanIssued</c>); a kiosk fetches the wearer's newest plan with its proof, fills the
/// cartridge, and reports prescribed, loaded and assayed amounts (<c>CartridgeFilled</c>).
/// </summary>
internal static class TherapyEndpoints
{
    private const double MaxAmount = 1000;

    public static void MapTherapy(this IEndpointRouteBuilder api)
    {
        api.MapPost("/wearers/{id}/dose-plans", IssueAsync)
            .RequireAuthorization(Policies.Clinician)
            .WithName("IssueDosePlan")
            .WithSummary("Issue a dose plan (cartridge prescription): {\"drug\", \"amount\", \"unit\"}. Written to the ledger (DosePlanIssued). Decision support for the prescriber, who remains responsible.")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("/wearers/{id}/dose-plans/latest", LatestAsync)
            .RequireAuthorization(Policies.Device)
            .WithName("GetLatestDosePlan")
            .WithSummary("The wearer's newest dose plan with its inclusion proof; the kiosk fills only to a proven plan. 503 with Retry-After while the plan is not yet covered by a signed tree head (at most one signing interval).")
            .ProducesProblem(StatusCodes.Status404NotFound);
        api.MapPost("/cartridge-fills", FilledAsync)
            .RequireAuthorization(Policies.Device)
            .WithName("ReportCartridgeFill")
            .WithSummary("Report a cartridge fill (cartridgeId, wearerId, planId, drug, prescribed, loaded, assay, unit, instrument). It must match the wearer's newest plan; it is written to the ledger (CartridgeFilled) whatever the amounts.")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status409Conflict);
    }

    private static async Task<IResult> IssueAsync(string id, HttpRequest request, HttpContext http, DosePlans plans, TimeProvider time, Ledger.TreeHeadSchedule heads, CancellationToken cancellationToken)
    {
        var wearer = QueryText.Wearer(id);
        if (!Caller.From(http.User).MayRead(wearer))
        {
            return WearerEndpoints.OutOfScope(wearer);
        }
        using var json = await JsonBody.ReadObjectAsync(request, cancellationToken);
        var root = json.RootElement;
        string drug = JsonBody.Text(root, "drug");
        string unit = JsonBody.Text(root, "unit");
        double amount = Amount(root, "amount");
        var plan = await plans.IssueAsync(wearer, drug, amount, unit, Caller.From(http.User).TokenId, time.GetUtcNow(), cancellationToken);
        if (plan is null)
        {
            return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Unknown wearer", detail: $"id: no data is stored for wearer '{id}'");
        }
        await heads.SignIfDueAsync(cancellationToken);
        return Results.Json(new { planId = plan.PlanId, wearerId = wearer.Value, drug, amount, unit, planSha256 = plan.PlanSha256, ledgerIndex = plan.LedgerIndex }, statusCode: StatusCodes.Status201Created);
    }

    private static async Task<IResult> LatestAsync(string id, HttpContext http, IHermesStore store, TimeProvider time, Ledger.TreeHeadSchedule heads, CancellationToken cancellationToken)
    {
        var latest = await store.ProveLatestAsync(nameof(DosePlanIssued), QueryText.Wearer(id), cancellationToken);
        return latest is null
            ? Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "No dose plan", detail: $"id: no dose plan was issued for wearer '{id}'")
            : await ProofAnswer.ForAsync(latest, http, store, time, heads, cancellationToken);
    }

    private static async Task<IResult> FilledAsync(HttpRequest request, DosePlans plans, TimeProvider time, Ledger.TreeHeadSchedule heads, CancellationToken cancellationToken)
    {
        using var json = await JsonBody.ReadObjectAsync(request, cancellationToken);
        var root = json.RootElement;
        if (!WearerId.TryParse(JsonBody.Text(root, "wearerId"), out var wearer))
        {
            throw new InvalidInputException("$.wearerId", $"not a valid wearer id ({IdText.Rule})");
        }
        var fill = new CartridgeFilled(
            JsonBody.Text(root, "cartridgeId"), wearer, JsonBody.Text(root, "planId"), JsonBody.Text(root, "drug"),
            Amount(root, "prescribed"), Amount(root, "loaded", allowZero: true), Amount(root, "assay", allowZero: true), JsonBody.Text(root, "unit"), JsonBody.Text(root, "instrument"))
        {
            At = time.GetUtcNow(),
        };
        // The newest-plan match and the append run in one write session (DosePlans).
        long index = await plans.RecordFillAsync(fill, cancellationToken);
        await heads.SignIfDueAsync(cancellationToken);
        return Results.Json(new { ledgerIndex = index }, statusCode: StatusCodes.Status201Created);
    }

    private static double Amount(JsonElement root, string name, bool allowZero = false)
    {
        if (!root.TryGetProperty(name, out var value) || value.ValueKind != JsonValueKind.Number || !value.TryGetDouble(out double amount))
        {
            throw new InvalidInputException("$." + name, "required number field is missing");
        }
        if (!double.IsFinite(amount) || amount < 0 || (!allowZero && amount == 0) || amount > MaxAmount)
        {
            throw new InvalidInputException("$." + name, $"{amount} is outside {(allowZero ? 0 : "(0")}–{MaxAmount}");
        }
        return amount;
    }
}
