namespace Care.Molecular.Mapping;

/// <summary>
/// Where a read aligned on the reference (local alignment, so unaligned read ends are clipped).
/// Coordinates are 0-based half-open; the read is taken on the strand that aligned.
/// </summary>
/// <param name="Reverse">True when the read's reverse complement aligned.</param>
/// <param name="ReadStart">First aligned read base.</param>
/// <param name="ReadEnd">One past the last aligned read base.</param>
/// <param name="ReferenceStart">First aligned reference base.</param>
/// <param name="ReferenceEnd">One past the last aligned reference base.</param>
/// <param name="Matches">Aligned identical bases.</param>
/// <param name="Mismatches">Aligned different bases.</param>
/// <param name="Insertions">Read bases not in the reference.</param>
/// <param name="Deletions">Reference bases missing from the read.</param>
/// <param name="ReadLength">The read's length.</param>
public readonly record struct ReadAlignment(bool Reverse, int ReadStart, int ReadEnd, int ReferenceStart, int ReferenceEnd, int Matches, int Mismatches, int Insertions, int Deletions, int ReadLength)
{
    /// <summary>Matches over aligned columns (0–1).</summary>
    public double Identity => (double)Matches / Math.Max(1, Matches + Mismatches + Insertions + Deletions);

    /// <summary>Read bases outside the alignment (both ends).</summary>
    public int ClippedBases => ReadLength - (ReadEnd - ReadStart);
}
