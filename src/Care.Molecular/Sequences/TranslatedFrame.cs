namespace Care.Molecular.Sequences;

/// <summary>One reading frame's translation.</summary>
/// <param name="Frame">+1, +2, +3 (forward strand from offset 0, 1, 2) or −1, −2, −3 (reverse complement).</param>
/// <param name="Protein">Amino acids, one letter each, <c>*</c> for stop, <c>X</c> for a codon with a non-ACGT base.</param>
public readonly record struct TranslatedFrame(int Frame, string Protein);
