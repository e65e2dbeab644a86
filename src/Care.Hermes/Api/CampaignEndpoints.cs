using System.Globalization;
using System.Text.Json;
using Care.Core.Errors;
using Care.Core.Ids;
using Care.Hermes.Access;
using Care.Hermes.Campaigns;
using Care.Hermes.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Care.Hermes.Api;

/// <summary>
/// Vaccine campaigns (ADR 0024): an admin issues one from a protein and λ and Hermes designs its
/// mRNA (<c>VaccineDesigned</c>, <c>VaccineCampaignIssued</c>); a kiosk requests a dose for an
/// identified wearer; the lab reports each step (<c>VaccineDoseStep</c>, in the wearer's ledger view);
/// anyone with a token can fetch a step's inclusion proof. Kiosks and labs use device tokens.
/// </summary>
internal static class CampaignEndpoints
{
    public static void MapCampaigns(this IEndpointRouteBuilder api)
    {
        api.MapPost("/campaigns", CreateAsync)
            .RequireAuthorization(Policies.Admin)
            .WithName("IssueVaccineCampaign")
            .WithSummary("Issue a vaccine campaign: {\"protein\", \"lambda\", \"beam\"?, \"doseMicrograms\", \"expiresAt\", \"eligibleWearers\"?}. Hermes designs the mRNA (MFE + lambda * codon term) and ledgers VaccineDesigned and VaccineCampaignIssued. 503 when Hermes has no RNA data folder.")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        api.MapGet("/campaigns", ListAsync)
            .RequireAuthorization(p => p.RequireRole(nameof(Role.Admin), nameof(Role.Device)))
            .WithName("ListVaccineCampaigns")
            .WithSummary("Every campaign, newest first: id, product hash, design figures, dose, expiry.");
        api.MapGet("/campaigns/{id}", GetAsync)
            .RequireAuthorization(p => p.RequireRole(nameof(Role.Admin), nameof(Role.Device)))
            .WithName("GetVaccineCampaign")
            .WithSummary("One campaign with its protein and designed mRNA (what the lab synthesises).")
            .ProducesProblem(StatusCodes.Status404NotFound);
        api.MapPost("/campaigns/{id}/doses", RequestDoseAsync)
            .RequireAuthorization(Policies.Device)
            .WithName("RequestVaccineDose")
            .WithSummary("A kiosk requests a dose for an identified wearer: {\"wearerId\", \"requestId\"} (single use). 403 ineligible, 409 replayed, 410 expired.")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status410Gone);
        api.MapGet("/campaigns/{id}/doses", ListDosesAsync)
            .RequireAuthorization(p => p.RequireRole(nameof(Role.Admin), nameof(Role.Device)))
            .WithName("ListVaccineDoses")
            .WithSummary("Doses of a campaign, oldest first; ?step=requested gives the lab its work; ?limit= (1-1000, default 100).")
            .ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("/campaigns/{id}/doses/{doseId}", GetDoseAsync)
            .RequireAuthorization(p => p.RequireRole(nameof(Role.Admin), nameof(Role.Device)))
            .WithName("GetVaccineDose")
            .WithSummary("A dose and every step recorded for it, each with its ledger entry hash (for the proof).")
            .ProducesProblem(StatusCodes.Status404NotFound);
        api.MapPost("/campaigns/{id}/doses/{doseId}/steps", StepAsync)
            .RequireAuthorization(Policies.Device)
            .WithName("RecordVaccineDoseStep")
            .WithSummary("The lab reports a step: {\"step\": screened|synthesised|verified|filled|refused, \"subjectSha256\", \"detail\"}. A product that does not hash to the design is refused (409) and the refusal ledgered; a repeated step changes nothing.")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        api.MapGet("/campaigns/{id}/doses/{doseId}/proof", ProofAsync)
            .RequireAuthorization()
            .WithName("ProveVaccineDoseStep")
            .WithSummary("The inclusion proof of a dose's step (?step=, default the newest): 503 with Retry-After until a signed head covers it.")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
    }

    private static async Task<IResult> CreateAsync(HttpRequest request, HttpContext http, VaccineCampaigns campaigns, Ledger.TreeHeadSchedule heads, CancellationToken cancellationToken)
    {
        using var json = await JsonBody.ReadObjectAsync(request, cancellationToken);
        var root = json.RootElement;
        var ask = new CampaignRequest(
            JsonBody.Text(root, "protein"),
            Number(root, "lambda"),
            root.TryGetProperty("beam", out var beam) ? (beam.ValueKind == JsonValueKind.Number && beam.TryGetInt32(out int b) ? b : throw new InvalidInputException("$.beam", "must be an integer")) : null,
            Number(root, "doseMicrograms"),
            Time(root, "expiresAt"),
            Wearers(root));
        return await Answer(async () =>
        {
            var campaign = await campaigns.CreateAsync(ask, Caller.From(http.User).TokenId, cancellationToken);
            await heads.SignIfDueAsync(cancellationToken);
            return Results.Json(View(campaign, full: true), statusCode: StatusCodes.Status201Created);
        });
    }

    private static async Task<IResult> ListAsync(VaccineCampaigns campaigns, CancellationToken cancellationToken) =>
        Results.Ok((await campaigns.ListAsync(cancellationToken)).Select(c => View(c, full: false)));

    private static Task<IResult> GetAsync(string id, VaccineCampaigns campaigns, CancellationToken cancellationToken) =>
        Answer(async () => Results.Ok(View(await campaigns.GetAsync(id, cancellationToken), full: true)));

    private static async Task<IResult> RequestDoseAsync(string id, HttpRequest request, HttpContext http, VaccineCampaigns campaigns, Ledger.TreeHeadSchedule heads, CancellationToken cancellationToken)
    {
        using var json = await JsonBody.ReadObjectAsync(request, cancellationToken);
        var root = json.RootElement;
        if (!WearerId.TryParse(JsonBody.Text(root, "wearerId"), out var wearer))
        {
            throw new InvalidInputException("$.wearerId", $"not a valid wearer id ({IdText.Rule})");
        }
        string requestId = JsonBody.Text(root, "requestId");
        return await Answer(async () =>
        {
            var dose = await campaigns.RequestDoseAsync(id, wearer, requestId, Caller.From(http.User).TokenId, cancellationToken);
            await heads.SignIfDueAsync(cancellationToken);
            return Results.Json(DoseView(dose), statusCode: StatusCodes.Status201Created);
        });
    }

    private static Task<IResult> ListDosesAsync(string id, string? step, string? limit, VaccineCampaigns campaigns, CancellationToken cancellationToken)
    {
        DoseStep? only = step is null ? null : VaccineCampaigns.ParseStep(step, "step");
        int max = limit is null ? 100 : int.TryParse(limit, NumberStyles.None, CultureInfo.InvariantCulture, out int l) && l is >= 1 and <= 1000 ? l : throw new InvalidInputException("limit", $"'{limit}' is not between 1 and 1000");
        return Answer(async () => Results.Ok((await campaigns.ListDosesAsync(id, only, max, cancellationToken)).Select(DoseView)));
    }

    private static Task<IResult> GetDoseAsync(string id, string doseId, VaccineCampaigns campaigns, CancellationToken cancellationToken) =>
        Answer(async () =>
        {
            var (dose, steps) = await campaigns.GetDoseAsync(id, doseId, cancellationToken);
            return Results.Ok(new
            {
                doseId = dose.Id,
                campaignId = dose.CampaignId,
                wearerId = dose.Wearer.Value,
                step = VaccineCampaigns.Name(dose.Step),
                steps = steps.Select(s => new { step = VaccineCampaigns.Name(s.Step), at = s.At, entrySha256 = s.EntrySha256, detail = s.Detail }),
            });
        });

    private static async Task<IResult> StepAsync(string id, string doseId, HttpRequest request, HttpContext http, VaccineCampaigns campaigns, Ledger.TreeHeadSchedule heads, CancellationToken cancellationToken)
    {
        using var json = await JsonBody.ReadObjectAsync(request, cancellationToken);
        var root = json.RootElement;
        var step = VaccineCampaigns.ParseStep(JsonBody.Text(root, "step"), "$.step");
        string subject = JsonBody.Text(root, "subjectSha256");
        string detail = JsonBody.Text(root, "detail");
        return await Answer(async () =>
        {
            try
            {
                var dose = await campaigns.RecordStepAsync(id, doseId, step, subject, detail, Caller.From(http.User).TokenId, cancellationToken);
                return Results.Ok(DoseView(dose));
            }
            finally
            {
                await heads.SignIfDueAsync(cancellationToken);
            }
        });
    }

    private static Task<IResult> ProofAsync(string id, string doseId, string? step, HttpContext http, VaccineCampaigns campaigns, IHermesStore store, TimeProvider time, Ledger.TreeHeadSchedule heads, CancellationToken cancellationToken) =>
        Answer(async () =>
        {
            var (_, steps) = await campaigns.GetDoseAsync(id, doseId, cancellationToken);
            DoseStep? wanted = step is null ? null : VaccineCampaigns.ParseStep(step, "step");
            var chosen = wanted is { } w ? steps.LastOrDefault(s => s.Step == w) : steps.LastOrDefault();
            if (chosen is null)
            {
                return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such step", detail: $"step: dose '{doseId}' has no {step} step");
            }
            var found = store is Ledger.ILedgerOutboxStore outbox ? await outbox.ProvePromisedAsync(Convert.FromHexString(chosen.EntrySha256), cancellationToken) : null;
            return found is null
                ? Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not in the log yet", detail: $"the {VaccineCampaigns.Name(chosen.Step)} step of dose '{doseId}' is still being sequenced into the ledger; retry shortly")
                : await ProofAnswer.ForAsync(found, http, store, time, heads, cancellationToken);
        });

    private static object View(CampaignRecord c, bool full) => new
    {
        campaignId = c.Id,
        productSha256 = c.ProductSha256,
        residues = c.Protein.Length,
        lambda = c.Lambda,
        beam = c.Beam,
        mfe = c.MfeKcalPerMol,
        cai = c.Cai,
        doseMicrograms = c.DoseMicrograms,
        expiresAt = c.ExpiresAt,
        eligibility = c.Eligible is null ? "any wearer Hermes holds data for" : $"{c.Eligible.Count} listed wearers",
        protein = full ? c.Protein : null,
        mrna = full ? c.Mrna : null,
    };

    private static object DoseView(DoseRecord d) => new
    {
        doseId = d.Id,
        campaignId = d.CampaignId,
        wearerId = d.Wearer.Value,
        requestId = d.RequestId,
        step = VaccineCampaigns.Name(d.Step),
        requestedAt = d.RequestedAt,
        updatedAt = d.UpdatedAt,
    };

    private static async Task<IResult> Answer(Func<Task<IResult>> act)
    {
        try
        {
            return await act();
        }
        catch (CampaignRefusedException e)
        {
            var title = e.Status switch
            {
                StatusCodes.Status403Forbidden => "Not eligible",
                StatusCodes.Status404NotFound => "Not found",
                StatusCodes.Status410Gone => "Campaign expired",
                StatusCodes.Status503ServiceUnavailable => "Vaccine design unavailable",
                _ => "Refused",
            };
            return Results.Problem(statusCode: e.Status, title: title, detail: $"{e.Where}: {e.Message}",
                extensions: new Dictionary<string, object?> { ["errors"] = new[] { new { where = e.Where, problem = e.Message } } });
        }
    }

    private static double Number(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out double number)
            ? number
            : throw new InvalidInputException("$." + name, "required number field is missing");

    private static DateTimeOffset Time(JsonElement root, string name) =>
        DateTimeOffset.TryParse(JsonBody.Text(root, name), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at)
            ? at
            : throw new InvalidInputException("$." + name, "not an ISO 8601 time");

    private static List<WearerId>? Wearers(JsonElement root)
    {
        if (!root.TryGetProperty("eligibleWearers", out var list))
        {
            return null;
        }
        if (list.ValueKind != JsonValueKind.Array)
        {
            throw new InvalidInputException("$.eligibleWearers", "must be an array of wearer ids");
        }
        var wearers = new List<WearerId>();
        int i = 0;
        foreach (var item in list.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.String || !WearerId.TryParse(item.GetString(), out var wearer))
            {
                throw new InvalidInputException($"$.eligibleWearers[{i}]", $"not a valid wearer id ({IdText.Rule})");
            }
            wearers.Add(wearer);
            i++;
        }
        return wearers;
    }
}
