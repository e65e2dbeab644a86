using Care.Trust.Ledger.Entries;

namespace Care.Hermes.Campaigns;

/// <summary>
/// Storage of vaccine campaigns and their doses. A backend implements it beside
/// <see cref="Storage.IHermesStore"/> (Hermes asks <c>store is ICampaignStore</c>); the rules (eligibility,
/// expiry, which step may follow which, the product hash) live in <see cref="VaccineCampaigns"/>, the
/// backend only stores atomically: every write commits its rows and its ledger entries in one
/// transaction, or nothing. Thread safe; every method honours cancellation.
/// </summary>
public interface ICampaignStore
{
    /// <summary>
    /// Stores a campaign and appends <paramref name="designed"/> and <paramref name="issued"/> to the
    /// ledger in the same transaction. False (nothing written) when a campaign with that id exists.
    /// </summary>
    Task<bool> AddCampaignAsync(CampaignRecord campaign, VaccineDesigned designed, VaccineCampaignIssued issued, CancellationToken cancellationToken = default);

    /// <summary>The campaign with this id, or null.</summary>
    Task<CampaignRecord?> GetCampaignAsync(string id, CancellationToken cancellationToken = default);

    /// <summary>Every campaign, newest first.</summary>
    Task<IReadOnlyList<CampaignRecord>> ListCampaignsAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Stores a requested dose and appends its <c>requested</c> step in the same transaction. False
    /// (nothing written) when its request id or its dose id was seen before, or when the wearer already
    /// holds a dose of this campaign that was not refused.
    /// </summary>
    Task<bool> AddDoseAsync(DoseRecord dose, VaccineDoseStep requested, string entrySha256, CancellationToken cancellationToken = default);

    /// <summary>The dose with this id, or null.</summary>
    Task<DoseRecord?> GetDoseAsync(string doseId, CancellationToken cancellationToken = default);

    /// <summary>Doses of a campaign (all when <paramref name="step"/> is null, else only those at that step), oldest first, at most <paramref name="limit"/>.</summary>
    Task<IReadOnlyList<DoseRecord>> ListDosesAsync(string campaignId, DoseStep? step, int limit, CancellationToken cancellationToken = default);

    /// <summary>The steps recorded for a dose, in order.</summary>
    Task<IReadOnlyList<DoseStepRecord>> ListStepsAsync(string doseId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Moves a dose from <paramref name="from"/> to the step of <paramref name="entry"/> and appends
    /// the entry, in one transaction, only if the dose is still at <paramref name="from"/>. False
    /// (nothing written) when it is not: another writer moved it first.
    /// </summary>
    Task<bool> AdvanceDoseAsync(string doseId, DoseStep from, DoseStep to, VaccineDoseStep entry, string entrySha256, CancellationToken cancellationToken = default);
}
