namespace Care.Molecular.Sequences;

/// <summary>
/// One named sequence read from a FASTA file (or built in memory): nucleotides as upper-case
/// <c>A</c>, <c>C</c>, <c>G</c>, <c>T</c> (or amino acids for a protein record). Immutable.
/// </summary>
/// <param name="Id">The first word of the header, e.g. <c>pUC19c_L09137.2</c>.</param>
/// <param name="Description">The rest of the header (may be empty).</param>
/// <param name="Residues">The residues, upper case, without line breaks.</param>
public sealed record SequenceRecord(string Id, string Description, string Residues)
{
    /// <summary>Number of residues (nucleotides or amino acids).</summary>
    public int Length => Residues.Length;
}
