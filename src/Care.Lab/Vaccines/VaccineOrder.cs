using Care.Core.Ids;
using Care.Trust.Ledger;

namespace Care.Lab.Vaccines;

/// <summary>One dose the lab is to make: its campaign's designed product and the campaign's ledger proof (for the fill).</summary>
/// <param name="DoseId">The dose's identifier in Hermes.</param>
/// <param name="CampaignId">Its campaign.</param>
/// <param name="Wearer">Who it is for.</param>
/// <param name="Mrna">The designed product (ACGU).</param>
/// <param name="ProductSha256">SHA-256 of the design, as the campaign states it.</param>
/// <param name="CampaignProof">The campaign's <c>VaccineCampaignIssued</c> entry with its inclusion proof, or null when none could be had (the fill is then refused).</param>
public sealed record VaccineOrder(string DoseId, string CampaignId, WearerId Wearer, string Mrna, string ProductSha256, InclusionProofDocument? CampaignProof);
