namespace Care.Molecular.Sequences;

/// <summary>
/// The six reading frames of a double-stranded sequence: frames +1, +2, +3 read the given strand
/// from offsets 0, 1, 2; frames −1, −2, −3 read the reverse complement from offsets 0, 1, 2.
/// Stateless and thread safe.
/// </summary>
public static class SixFrames
{
    /// <summary>The six translations, in the order +1, +2, +3, −1, −2, −3.</summary>
    public static IReadOnlyList<TranslatedFrame> Translate(string dna)
    {
        ArgumentNullException.ThrowIfNull(dna);
        var reverse = Dna.ReverseComplement(dna);
        var frames = new TranslatedFrame[6];
        for (var offset = 0; offset < 3; offset++)
        {
            frames[offset] = new TranslatedFrame(offset + 1, GeneticCode.Translate(dna.AsSpan(Math.Min(offset, dna.Length))));
            frames[3 + offset] = new TranslatedFrame(-(offset + 1), GeneticCode.Translate(reverse.AsSpan(Math.Min(offset, reverse.Length))));
        }
        return frames;
    }

    /// <summary>
    /// The nucleotide offset on the forward strand of the first base of amino acid
    /// <paramref name="aminoAcidIndex"/> in <paramref name="frame"/>, for a sequence of
    /// <paramref name="length"/> nucleotides. On reverse frames this is the lowest forward offset the codon covers.
    /// </summary>
    public static int ForwardOffset(int frame, int aminoAcidIndex, int length)
    {
        var offset = Math.Abs(frame) - 1 + (3 * aminoAcidIndex);
        return frame > 0 ? offset : length - offset - 3;
    }
}
