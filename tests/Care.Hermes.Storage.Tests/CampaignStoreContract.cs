using Care.Core.Ids;
using Care.Hermes.Campaigns;
using Care.Trust.Ledger.Entries;

namespace Care.Hermes.Storage.Tests;

/// <summary>
/// The contract of a backend that stores vaccine campaigns (<see cref="ICampaignStore"/>), driven
/// through the core's rules (<see cref="VaccineCampaigns"/>): a campaign and its two ledger entries
/// are stored together, a dose request is refused when replayed, expired or ineligible, steps move in
/// order and a repeated step is recorded once, a product that does not hash to the design is refused
/// and the refusal ledgered, and all of it survives a restart.
/// </summary>
public abstract class CampaignStoreContract : BackendContract
{
    private static readonly WearerId Listed = WearerId.Parse("W-1");
    private static readonly WearerId Other = WearerId.Parse("W-2");
    private const string Mrna = "AUGGCUUCUAAAGGCUAA";

    private ICampaignStore Campaigns => Assert.IsAssignableFrom<ICampaignStore>(Store);

    // Doses need no design: the designer is unset, so only CreateAsync would refuse (503).
    private VaccineCampaigns Rules => new(Store, new CampaignDesigner(null), Time);

    private async Task<CampaignRecord> IssuedAsync(string id = "camp-1", IReadOnlyList<WearerId>? eligible = null)
    {
        var now = Time.GetUtcNow();
        var campaign = new CampaignRecord(id, "MASKG*", Mrna, VaccineCampaigns.Sha256(Mrna), 0.5, 0, -3.2, 0.71, 30, eligible ?? [Listed], now.AddDays(30), "tok_admin", now);
        var designed = new VaccineDesigned(id, VaccineCampaigns.Sha256("MASKG*"), campaign.ProductSha256, 0.5, 0, -3.2, 0.71, CampaignDesigner.Software) { At = now };
        var issued = new VaccineCampaignIssued(id, campaign.ProductSha256, 30, "listed wearers (1)", campaign.ExpiresAt, "tok_admin") { At = now };
        Assert.True(await Campaigns.AddCampaignAsync(campaign, designed, issued, Cancel));
        return campaign;
    }

    private async Task<long> CountAsync(string kind)
    {
        await Store.PublishTreeHeadAsync(Cancel);
        var page = await Store.ProveWearerAsync(Listed, -1, 10_000, Cancel);
        return page.Proven.Count(p => Care.Trust.Ledger.Entries.LedgerEntryReader.Read(p.Data).Entry.Kind == kind);
    }

    [Fact]
    public async Task A_campaign_is_stored_with_its_design_and_a_second_with_the_same_id_writes_nothing()
    {
        var campaign = await IssuedAsync();
        long size = await Store.LedgerSizeAsync(Cancel);
        var again = campaign with { Protein = "MKK" };
        Assert.False(await Campaigns.AddCampaignAsync(again,
            new VaccineDesigned(campaign.Id, VaccineCampaigns.Sha256("MKK"), campaign.ProductSha256, 0, 0, -1, 0.5, "x") { At = Time.GetUtcNow() },
            new VaccineCampaignIssued(campaign.Id, campaign.ProductSha256, 30, "any", campaign.ExpiresAt, "tok_admin") { At = Time.GetUtcNow() }, Cancel));
        Assert.Equal(size, await Store.LedgerSizeAsync(Cancel));
        var stored = await Campaigns.GetCampaignAsync(campaign.Id, Cancel);
        Assert.NotNull(stored);
        Assert.Equal("MASKG*", stored.Protein);
        Assert.Equal(Mrna, stored.Mrna);
        Assert.Equal([Listed], stored.Eligible!);
        Assert.Equal(campaign.ExpiresAt.ToUnixTimeMilliseconds(), stored.ExpiresAt.ToUnixTimeMilliseconds());
        Assert.Single(await Campaigns.ListCampaignsAsync(Cancel));
        Assert.Null(await Campaigns.GetCampaignAsync("camp-none", Cancel));
        Assert.Equal(2, size);
    }

    [Fact]
    public async Task A_dose_runs_every_step_in_order_into_the_wearers_ledger_view_and_survives_a_restart()
    {
        var campaign = await IssuedAsync();
        var dose = await Rules.RequestDoseAsync(campaign.Id, Listed, "req-1", "kiosk-1", Cancel);
        foreach (var step in new[] { DoseStep.Screened, DoseStep.Synthesised, DoseStep.Verified, DoseStep.Filled })
        {
            var moved = await Rules.RecordStepAsync(campaign.Id, dose.Id, step, campaign.ProductSha256, $"{step} ok", "lab-1", Cancel);
            Assert.Equal(step, moved.Step);
        }
        await RestartAsync();
        var (stored, steps) = await Rules.GetDoseAsync(campaign.Id, dose.Id, Cancel);
        Assert.Equal(DoseStep.Filled, stored.Step);
        Assert.Equal([DoseStep.Requested, DoseStep.Screened, DoseStep.Synthesised, DoseStep.Verified, DoseStep.Filled], steps.Select(s => s.Step));
        Assert.Equal(5, await CountAsync(nameof(VaccineDoseStep)));
        Assert.Empty(await Rules.ListDosesAsync(campaign.Id, DoseStep.Requested, 10, Cancel));
        Assert.Single(await Rules.ListDosesAsync(campaign.Id, DoseStep.Filled, 10, Cancel));
    }

    [Fact]
    public async Task A_replayed_request_an_ineligible_wearer_and_an_expired_campaign_are_refused_and_write_nothing()
    {
        var campaign = await IssuedAsync();
        await Rules.RequestDoseAsync(campaign.Id, Listed, "req-1", "kiosk-1", Cancel);
        long size = await Store.LedgerSizeAsync(Cancel);

        var replay = await Assert.ThrowsAsync<CampaignRefusedException>(() => Rules.RequestDoseAsync(campaign.Id, Listed, "req-1", "kiosk-1", Cancel));
        Assert.Equal(409, replay.Status);
        Assert.Contains("replayed", replay.Message, StringComparison.Ordinal);
        var second = await Assert.ThrowsAsync<CampaignRefusedException>(() => Rules.RequestDoseAsync(campaign.Id, Listed, "req-2", "kiosk-1", Cancel));
        Assert.Equal(409, second.Status);
        var ineligible = await Assert.ThrowsAsync<CampaignRefusedException>(() => Rules.RequestDoseAsync(campaign.Id, Other, "req-3", "kiosk-1", Cancel));
        Assert.Equal(403, ineligible.Status);
        Assert.Contains("not on its list", ineligible.Message, StringComparison.Ordinal);
        var unknown = await Assert.ThrowsAsync<CampaignRefusedException>(() => Rules.RequestDoseAsync("camp-none", Listed, "req-4", "kiosk-1", Cancel));
        Assert.Equal(404, unknown.Status);

        Time.Advance(TimeSpan.FromDays(31));
        var expired = await Assert.ThrowsAsync<CampaignRefusedException>(() => Rules.RequestDoseAsync(campaign.Id, Listed, "req-5", "kiosk-1", Cancel));
        Assert.Equal(410, expired.Status);
        Assert.Contains("expired", expired.Message, StringComparison.Ordinal);
        Assert.Equal(size, await Store.LedgerSizeAsync(Cancel));
    }

    [Fact]
    public async Task A_product_that_does_not_hash_to_the_design_is_refused_and_the_refusal_is_ledgered()
    {
        var campaign = await IssuedAsync();
        var dose = await Rules.RequestDoseAsync(campaign.Id, Listed, "req-1", "kiosk-1", Cancel);
        await Rules.RecordStepAsync(campaign.Id, dose.Id, DoseStep.Screened, VaccineCampaigns.Sha256("ATGGCT"), "order screened", "lab-1", Cancel);
        string tampered = VaccineCampaigns.Sha256(Mrna + "GGG");
        var refused = await Assert.ThrowsAsync<CampaignRefusedException>(() => Rules.RecordStepAsync(campaign.Id, dose.Id, DoseStep.Synthesised, tampered, "made", "lab-1", Cancel));
        Assert.Equal(409, refused.Status);
        Assert.Contains("does not hash to the design", refused.Message, StringComparison.Ordinal);
        var (stored, steps) = await Rules.GetDoseAsync(campaign.Id, dose.Id, Cancel);
        Assert.Equal(DoseStep.Refused, stored.Step);
        Assert.Equal(DoseStep.Refused, steps[^1].Step);
        Assert.Equal(1, await CountAsync(nameof(VaccineDoseStep)) - 2);
        // A refused dose moves no further, even with the right product.
        var late = await Assert.ThrowsAsync<CampaignRefusedException>(() => Rules.RecordStepAsync(campaign.Id, dose.Id, DoseStep.Synthesised, campaign.ProductSha256, "made", "lab-1", Cancel));
        Assert.Equal(409, late.Status);
        // The wearer may be given a new dose after a refusal.
        Assert.Equal(DoseStep.Requested, (await Rules.RequestDoseAsync(campaign.Id, Listed, "req-2", "kiosk-1", Cancel)).Step);
    }

    [Fact]
    public async Task A_repeated_step_is_recorded_once_and_a_skipped_step_is_refused()
    {
        var campaign = await IssuedAsync();
        var dose = await Rules.RequestDoseAsync(campaign.Id, Listed, "req-1", "kiosk-1", Cancel);
        var skip = await Assert.ThrowsAsync<CampaignRefusedException>(() => Rules.RecordStepAsync(campaign.Id, dose.Id, DoseStep.Verified, campaign.ProductSha256, "verified", "lab-1", Cancel));
        Assert.Contains("the next step is screened", skip.Message, StringComparison.Ordinal);
        await Rules.RecordStepAsync(campaign.Id, dose.Id, DoseStep.Screened, campaign.ProductSha256, "screened", "lab-1", Cancel);
        long size = await Store.LedgerSizeAsync(Cancel);
        await Rules.RecordStepAsync(campaign.Id, dose.Id, DoseStep.Screened, campaign.ProductSha256, "screened again (a retry)", "lab-1", Cancel);
        Assert.Equal(size, await Store.LedgerSizeAsync(Cancel));
        Assert.Equal(2, (await Campaigns.ListStepsAsync(dose.Id, Cancel)).Count);
        // Two writers racing the same move: exactly one advances.
        var entry = new VaccineDoseStep(dose.Id, campaign.Id, Listed, "synthesised", campaign.ProductSha256, "made", "lab-1") { At = Time.GetUtcNow() };
        bool first = await Campaigns.AdvanceDoseAsync(dose.Id, DoseStep.Screened, DoseStep.Synthesised, entry, VaccineCampaigns.EntrySha256(entry), Cancel);
        bool second = await Campaigns.AdvanceDoseAsync(dose.Id, DoseStep.Screened, DoseStep.Synthesised, entry, VaccineCampaigns.EntrySha256(entry), Cancel);
        Assert.True(first);
        Assert.False(second);
    }
}
