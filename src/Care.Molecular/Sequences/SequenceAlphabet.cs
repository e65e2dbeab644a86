namespace Care.Molecular.Sequences;

/// <summary>Which letters a FASTA record may hold.</summary>
public enum SequenceAlphabet
{
    /// <summary>A, C, G, T only (lower case is accepted and upper-cased).</summary>
    Dna,

    /// <summary>The 20 standard amino acids plus <c>*</c> (stop) and <c>X</c> (unknown).</summary>
    Protein,
}
