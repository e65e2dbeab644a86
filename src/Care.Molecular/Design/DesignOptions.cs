namespace Care.Molecular.Design;

/// <summary>Settings of <see cref="LatticeDesigner"/>.</summary>
/// <param name="Lambda">Weight λ ≥ 0 of the codon term: objective = MFE (kcal/mol) + λ · Σ −ln w over codons. 0 = MFE only.</param>
/// <param name="MaxInteriorUnpaired">Largest interior loop or bulge (unpaired bases) the search builds, 0–30.</param>
public sealed record DesignOptions(double Lambda, int MaxInteriorUnpaired = 4);
