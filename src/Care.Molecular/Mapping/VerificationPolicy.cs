namespace Care.Molecular.Mapping;

/// <summary>
/// When a sequenced product fails verification.
/// </summary>
/// <param name="MinIdentity">A read belongs when its alignment has at least this identity (0–1) …</param>
/// <param name="MaxClippedBases">… and leaves at most this many read bases unaligned (nt).</param>
/// <param name="MaxForeignReads">More reads than this that do not belong fail the product.</param>
/// <param name="MinMedianDepth">Below this median depth the run is inconclusive (fails closed).</param>
/// <param name="MinDepthFraction">A reference base covered by fewer than this fraction of the median depth counts as missing (truncation, deletion).</param>
/// <param name="VariantFraction">A base where at least this fraction of the reads disagree with the order is a variant.</param>
/// <param name="MinVariantReads">… seen in at least this many reads.</param>
public readonly record struct VerificationPolicy(double MinIdentity, int MaxClippedBases, int MaxForeignReads, double MinMedianDepth, double MinDepthFraction, double VariantFraction, int MinVariantReads)
{
    /// <summary>
    /// The default: identity ≥ 90 %, ≤ 20 clipped bases; fail at 3 or more foreign reads (the short-read
    /// profile leaves no read of a clean product unmapped, see docs/validation.md); median depth ≥ 20;
    /// a base is missing below 10 % of the median depth; variants at ≥ 30 % in ≥ 5 reads.
    /// </summary>
    public static VerificationPolicy Default => new(0.90, 20, 2, 20, 0.10, 0.30, 5);
}
