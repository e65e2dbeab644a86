using Care.Core.Ids;

namespace Care.Hermes.Campaigns;

/// <summary>What an administrator asks for when issuing a campaign (checked by <see cref="VaccineCampaigns.CreateAsync"/>).</summary>
/// <param name="Protein">The antigen, one-letter amino-acid codes (a final <c>*</c> designs a stop codon).</param>
/// <param name="Lambda">λ of the design objective MFE + λ · Σ −ln w, 0–<see cref="VaccineCampaigns.MaxLambda"/>.</param>
/// <param name="Beam">Beam width (0 = exact search), or null to choose by length (exact up to <see cref="VaccineCampaigns.ExactUpToResidues"/> residues).</param>
/// <param name="DoseMicrograms">mRNA per dose, µg, (0, 1000].</param>
/// <param name="ExpiresAt">When requests stop: after now, at most two years ahead.</param>
/// <param name="Eligible">The wearers who may receive a dose, or null for every wearer Hermes holds data for.</param>
public sealed record CampaignRequest(string Protein, double Lambda, int? Beam, double DoseMicrograms, DateTimeOffset ExpiresAt, IReadOnlyList<WearerId>? Eligible);
