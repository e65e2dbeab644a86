namespace Care.Molecular.Screening;

/// <summary>
/// The thresholds of order screening. Defaults follow the schemes summarised in
/// <c>shared/data/biosecurity/SOURCE.md</c>: SecureDNA's 30- and 42-nt DNA windows and 20-aa
/// protein windows, and the US framework's 50-nt reporting length (October 2026).
/// </summary>
/// <param name="DnaSeedLength">Exact DNA seed that starts a comparison (nt, 12–31).</param>
/// <param name="ProteinSeedLength">Exact reduced-alphabet seed that starts a protein comparison (aa, 4–12).</param>
/// <param name="Dna30MinMatches">A 30-nt window matches with at least this many identical bases (tolerates point mutations).</param>
/// <param name="Dna42MinMatches">A 42-nt window matches with at least this many identical bases.</param>
/// <param name="Protein20MinMatches">A 20-aa window matches with at least this many residues in the same reduced-alphabet group.</param>
/// <param name="Protein20MinIdentical">… of which at least this many identical (keeps compositionally biased stretches, e.g. transmembrane helices, from matching by group alone).</param>
/// <param name="FlagLengthNt">An order is flagged when the windows matching one entry cover at least this many of its nucleotides.</param>
public readonly record struct ScreeningPolicy(
    int DnaSeedLength,
    int ProteinSeedLength,
    int Dna30MinMatches,
    int Dna42MinMatches,
    int Protein20MinMatches,
    int Protein20MinIdentical,
    int FlagLengthNt)
{
    /// <summary>
    /// The default: 16-nt and 6-aa seeds; 30-nt windows at ≥ 27 identical (90 %), 42-nt at ≥ 37 (88 %),
    /// 20-aa windows at ≥ 15 same-group residues (75 %) of which ≥ 10 identical (50 %); flag at 50 nt covered.
    /// </summary>
    public static ScreeningPolicy Default => new(16, 6, 27, 37, 15, 10, 50);
}
