using Care.Molecular.Rna;

namespace Care.Molecular.Design;

/// <summary>Settings of <see cref="LatticeDesigner"/>.</summary>
/// <param name="Lambda">Weight λ ≥ 0 of the codon term: objective = MFE (kcal/mol) + λ · Σ −ln w over codons. 0 = MFE only.</param>
/// <param name="Beam">0 = exact search (memory n²); otherwise the number of states of each kind kept per position (memory linear in n; the result may be above the exact optimum).</param>
/// <param name="MaxInteriorUnpaired">Largest interior loop or bulge (unpaired bases) the search builds, 0–30 (default 30, as RNAfold).</param>
public sealed record DesignOptions(double Lambda, int MaxInteriorUnpaired = EnergyParameters.MaxLoop, int Beam = 0);
