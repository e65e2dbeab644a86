namespace Care.Molecular.Mapping;

/// <summary>
/// What sequencing says about a product compared with its order. <see cref="Passed"/> only when
/// the depth is enough, every ordered base is present, no base differs and at most the policy's
/// number of reads do not belong. Immutable.
/// </summary>
/// <param name="Reads">Reads examined.</param>
/// <param name="ReadsBelonging">Reads that align to the order at the policy's identity with little clipping.</param>
/// <param name="ForeignReads">Reads that do not belong (unaligned, low identity, or clipped: a junction).</param>
/// <param name="Clusters">Foreign reads grouped by shared 15-mers, largest first.</param>
/// <param name="MedianDepth">Median reads over an ordered base.</param>
/// <param name="MeanIdentity">Mean identity of the belonging reads (0–1).</param>
/// <param name="MissingRanges">Ordered ranges [start, end) covered below the policy's depth fraction.</param>
/// <param name="Variants">Bases that differ from the order.</param>
/// <param name="Reasons">Why it failed; empty when it passed.</param>
public sealed record ProductVerification(
    int Reads,
    int ReadsBelonging,
    int ForeignReads,
    IReadOnlyList<ForeignCluster> Clusters,
    double MedianDepth,
    double MeanIdentity,
    IReadOnlyList<(int Start, int End)> MissingRanges,
    IReadOnlyList<ProductVariant> Variants,
    IReadOnlyList<string> Reasons)
{
    /// <summary>True when the product may leave the lab; false quarantines it.</summary>
    public bool Passed => Reasons.Count == 0;
}
