using Care.Core.Ids;

namespace Care.Hermes.Campaigns;

/// <summary>One requested vaccine dose as stored, with the step it has reached.</summary>
/// <param name="Id">The dose's identifier.</param>
/// <param name="RequestId">The kiosk's single-use request id (a replay of it is refused).</param>
/// <param name="CampaignId">Its campaign.</param>
/// <param name="Wearer">Who it is for.</param>
/// <param name="Step">The newest step reached.</param>
/// <param name="RequestedAt">When it was requested.</param>
/// <param name="UpdatedAt">When it last moved.</param>
public sealed record DoseRecord(string Id, string RequestId, string CampaignId, WearerId Wearer, DoseStep Step, DateTimeOffset RequestedAt, DateTimeOffset UpdatedAt);
