using Care.Core.Ids;

namespace Care.Hermes.Campaigns;

/// <summary>A vaccine campaign as stored: its designed product and the rules for its doses.</summary>
/// <param name="Id">The campaign's identifier.</param>
/// <param name="Protein">The antigen, one-letter amino-acid codes.</param>
/// <param name="Mrna">The designed coding sequence (upper-case ACGU): the product.</param>
/// <param name="ProductSha256">SHA-256 of <paramref name="Mrna"/> (ASCII), lower-case hex.</param>
/// <param name="Lambda">λ the design used.</param>
/// <param name="Beam">Beam the design used (0 = exact).</param>
/// <param name="MfeKcalPerMol">MFE of the design, kcal/mol.</param>
/// <param name="Cai">CAI of the design.</param>
/// <param name="DoseMicrograms">mRNA per dose, µg.</param>
/// <param name="Eligible">The wearers who may receive a dose, or null for every wearer Hermes holds data for.</param>
/// <param name="ExpiresAt">No dose may be requested after this.</param>
/// <param name="IssuedBy">The admin token that issued it.</param>
/// <param name="CreatedAt">When it was issued.</param>
public sealed record CampaignRecord(
    string Id,
    string Protein,
    string Mrna,
    string ProductSha256,
    double Lambda,
    int Beam,
    double MfeKcalPerMol,
    double Cai,
    double DoseMicrograms,
    IReadOnlyList<WearerId>? Eligible,
    DateTimeOffset ExpiresAt,
    string IssuedBy,
    DateTimeOffset CreatedAt);
