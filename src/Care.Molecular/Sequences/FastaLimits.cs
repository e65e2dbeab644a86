namespace Care.Molecular.Sequences;

/// <summary>
/// What a FASTA reader accepts. Oversized input is refused before it is held in memory.
/// </summary>
/// <param name="Alphabet">Letters allowed in the sequences.</param>
/// <param name="MaxRecords">Most records in one file (≥ 1).</param>
/// <param name="MaxRecordLength">Most residues in one record (≥ 1).</param>
/// <param name="MaxTotalLength">Most residues in the whole file (≥ 1).</param>
public readonly record struct FastaLimits(SequenceAlphabet Alphabet, int MaxRecords, int MaxRecordLength, long MaxTotalLength)
{
    /// <summary>Synthesis orders: DNA, up to 1,000 records of up to 100 kb, 10 Mb in all.</summary>
    public static FastaLimits Orders => new(SequenceAlphabet.Dna, 1_000, 100_000, 10_000_000);

    /// <summary>Reference sequences: DNA, up to 100,000 records of up to 10 Mb, 100 Mb in all.</summary>
    public static FastaLimits References => new(SequenceAlphabet.Dna, 100_000, 10_000_000, 100_000_000);
}
