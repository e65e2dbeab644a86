using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Care.Core.Ids;
using Care.Hermes.Access;
using Care.Hermes.Campaigns;
using Care.Hermes.Tests.Api;
using Care.Molecular.Sequences;
using Care.Testing;
using Care.Trust.Identity;
using Care.Trust.Ledger;
using Care.Trust.Ledger.Entries;

namespace Care.Hermes.Tests.Campaigns;

/// <summary>Hermes designs a vaccine, ledgers the design, and lets only that design through the lab path to a wearer.</summary>
public sealed class CampaignApiTests
{
    // A short antigen (the 29-residue glucagon-like fragment of a real protein): designed exactly in well under a second.
    private const string Protein = "HSQGTFTSDYSKYLDSRRAQDFVQWLMNT";

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private static StringContent Json(object body) => new(JsonSerializer.Serialize(body), Encoding.UTF8, "application/json");

    private static Task<HermesServer> StartAsync(bool withRna = true)
    {
        string? folder = withRna ? SharedData.RequireFolder("rna") : null;
        return HermesServer.StartAsync(options: o => o with { RnaDataFolder = folder });
    }

    private static object Campaign(HermesServer server, string protein = Protein, double lambda = 1, object? eligible = null) => new
    {
        protein,
        lambda,
        doseMicrograms = 30,
        expiresAt = server.Clock.GetUtcNow().AddDays(30).ToString("O"),
        eligibleWearers = eligible ?? new[] { "W-1" },
    };

    private static async Task<JsonElement> CreatedAsync(HttpClient admin, HermesServer server)
    {
        var response = await admin.PostAsync("/v1/campaigns", Json(Campaign(server)), Cancel);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>(Cancel);
    }

    [Fact]
    public async Task An_admin_campaign_is_designed_from_the_protein_and_its_design_is_in_the_ledger()
    {
        await using var server = await StartAsync();
        var admin = await server.ClientAsync(Role.Admin);
        var campaign = await CreatedAsync(admin, server);
        string mrna = campaign.GetProperty("mrna").GetString()!;
        Assert.Equal(Protein.Length * 3, mrna.Length);
        Assert.Equal(Protein, GeneticCode.Translate(mrna.Replace('U', 'T')));
        Assert.Equal(VaccineCampaigns.Sha256(mrna), campaign.GetProperty("productSha256").GetString());
        Assert.True(campaign.GetProperty("mfe").GetDouble() < 0);

        await server.SignTreeHeadAsync();
        var db = await server.SequencedAsync();
        Assert.Equal(1, db.Scalar("SELECT COUNT(*) FROM ledger_entries WHERE kind = 'VaccineDesigned'"));
        Assert.Equal(1, db.Scalar("SELECT COUNT(*) FROM ledger_entries WHERE kind = 'VaccineCampaignIssued'"));
        var device = await server.ClientAsync(Role.Device);
        var seen = await device.GetFromJsonAsync<JsonElement>($"/v1/campaigns/{campaign.GetProperty("campaignId").GetString()}", Cancel);
        Assert.Equal(mrna, seen.GetProperty("mrna").GetString());
        Assert.Equal(HttpStatusCode.Forbidden, (await device.PostAsync("/v1/campaigns", Json(Campaign(server)), Cancel)).StatusCode);
    }

    [Theory]
    [InlineData("MKTXLL", 1, "$.protein", "position 4: 'X'")]
    [InlineData("MKT*LL", 1, "$.protein", "position 4: internal stop")]
    [InlineData("MKTLL", 1e9, "$.lambda", "is not between 0 and 1000")]
    [InlineData("MKTLL", -0.5, "$.lambda", "is not between 0 and 1000")]
    public async Task Bad_design_input_is_refused_naming_the_field_and_nothing_is_ledgered(string protein, double lambda, string where, string problem)
    {
        await using var server = await StartAsync();
        var admin = await server.ClientAsync(Role.Admin);
        var response = await admin.PostAsync("/v1/campaigns", Json(Campaign(server, protein, lambda)), Cancel);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        string body = await response.Content.ReadAsStringAsync(Cancel);
        Assert.Contains(where, body, StringComparison.Ordinal);
        Assert.Contains(problem, body, StringComparison.Ordinal);
        Assert.Equal(0, (await server.SequencedAsync()).Scalar("SELECT COUNT(*) FROM ledger_entries WHERE kind LIKE 'Vaccine%'"));
    }

    [Fact]
    public async Task Without_an_rna_data_folder_a_campaign_answers_503_saying_how_to_set_it()
    {
        await using var server = await StartAsync(withRna: false);
        var admin = await server.ClientAsync(Role.Admin);
        var response = await admin.PostAsync("/v1/campaigns", Json(Campaign(server)), Cancel);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Contains("RnaDataFolder", await response.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_dose_goes_through_the_lab_path_a_tampered_product_is_refused_and_each_step_is_proven_in_the_wearers_view()
    {
        await using var server = await StartAsync();
        var admin = await server.ClientAsync(Role.Admin);
        var campaign = await CreatedAsync(admin, server);
        string id = campaign.GetProperty("campaignId").GetString()!;
        string product = campaign.GetProperty("productSha256").GetString()!;
        var kiosk = await server.ClientAsync(Role.Device);

        var requested = await kiosk.PostAsync($"/v1/campaigns/{id}/doses", Json(new { wearerId = "W-1", requestId = "req-1" }), Cancel);
        Assert.Equal(HttpStatusCode.Created, requested.StatusCode);
        string dose = (await requested.Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("doseId").GetString()!;
        Assert.Equal(HttpStatusCode.Conflict, (await kiosk.PostAsync($"/v1/campaigns/{id}/doses", Json(new { wearerId = "W-1", requestId = "req-1" }), Cancel)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await kiosk.PostAsync($"/v1/campaigns/{id}/doses", Json(new { wearerId = "W-9", requestId = "req-2" }), Cancel)).StatusCode);

        var work = await kiosk.GetFromJsonAsync<JsonElement>($"/v1/campaigns/{id}/doses?step=requested", Cancel);
        Assert.Equal(dose, Assert.Single(work.EnumerateArray()).GetProperty("doseId").GetString());
        async Task<HttpResponseMessage> StepAsync(string step, string sha) =>
            await kiosk.PostAsync($"/v1/campaigns/{id}/doses/{dose}/steps", Json(new { step, subjectSha256 = sha, detail = $"{step} by lab-1" }), Cancel);
        Assert.Equal(HttpStatusCode.OK, (await StepAsync("screened", VaccineCampaigns.Sha256("ATG"))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await StepAsync("synthesised", product)).StatusCode);
        var tampered = await StepAsync("verified", VaccineCampaigns.Sha256(campaign.GetProperty("mrna").GetString()! + "AUG"));
        Assert.Equal(HttpStatusCode.Conflict, tampered.StatusCode);
        Assert.Contains("does not hash to the design", await tampered.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Conflict, (await StepAsync("verified", product)).StatusCode);

        await server.SignTreeHeadAsync();
        var keys = await server.Client().GetFromJsonAsync<JsonElement>("/v1/keys", Cancel);
        var ledgerKey = HybridVerificationKey.Import(Convert.FromBase64String(keys.GetProperty("ledger").GetProperty("publicKey").GetString()!));
        var proof = InclusionProofDocument.Parse(await kiosk.GetStringAsync($"/v1/campaigns/{id}/doses/{dose}/proof", Cancel), "proof");
        Assert.True(proof.Check(ledgerKey).IsValid);
        var refused = Assert.IsType<VaccineDoseStep>(LedgerEntryReader.Read(proof.Data).Entry);
        Assert.Equal("refused", refused.Step);
        var view = await server.Store.ProveWearerAsync(WearerId.Parse("W-1"), -1, 100, Cancel);
        Assert.Equal(["requested", "screened", "synthesised", "refused"],
            view.Proven.Select(p => LedgerEntryReader.Read(p.Data).Entry).OfType<VaccineDoseStep>().Select(s => s.Step));
    }
}
