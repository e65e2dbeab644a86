namespace Care.Molecular.Rna;

/// <summary>
/// One loop of a structure and its free energy. Positions are 1-based; (I, J) is the closing pair
/// (0, 0 for the exterior loop), (K, L) the inner pair of an interior loop (0, 0 otherwise).
/// </summary>
/// <param name="Kind">The loop kind.</param>
/// <param name="I">5′ base of the closing pair, 1-based (0 for the exterior loop).</param>
/// <param name="J">3′ base of the closing pair, 1-based (0 for the exterior loop).</param>
/// <param name="K">5′ base of the inner pair of an interior loop, 1-based (0 otherwise).</param>
/// <param name="L">3′ base of the inner pair of an interior loop, 1-based (0 otherwise).</param>
/// <param name="EnergyDcalPerMol">Free energy of the loop in dcal/mol (1 kcal/mol = 100 dcal/mol).</param>
public readonly record struct LoopContribution(LoopKind Kind, int I, int J, int K, int L, int EnergyDcalPerMol);
