namespace Care.Molecular.Design;

/// <summary>A designed coding sequence.</summary>
/// <param name="Protein">The protein it encodes.</param>
/// <param name="Mrna">The coding sequence (RNA alphabet), 3 nt per residue.</param>
/// <param name="MfeKcalPerMol">MFE of the mRNA (Turner 2004, no dangles), from refolding it: kcal/mol.</param>
/// <param name="Structure">Its MFE structure.</param>
/// <param name="Cai">Codon adaptation index under the codon table, 0–1.</param>
/// <param name="Lambda">Weight of the codon term in the objective MFE + λ · Σ −ln w (kcal/mol).</param>
/// <param name="SearchObjectiveKcalPerMol">Objective value the lattice search reached (its energy part can only be at or above the refolded MFE).</param>
public sealed record MrnaDesign(string Protein, string Mrna, double MfeKcalPerMol, string Structure, double Cai, double Lambda, double SearchObjectiveKcalPerMol);
