namespace Care.Molecular.Mapping.Evaluation;

/// <summary>The figures of <c>care eval verification</c>.</summary>
/// <param name="Seed">Base seed.</param>
/// <param name="ProductLength">Ordered construct length (nt).</param>
/// <param name="PayloadLength">Extra construct length (nt).</param>
/// <param name="Profile">Read error profile.</param>
/// <param name="Cells">Every condition at every read count.</param>
/// <param name="MinimumReads">Per tampered condition, the fewest reads of the ladder at which ≥ 95 % of products were caught (null: none).</param>
public sealed record VerificationReport(int Seed, int ProductLength, int PayloadLength, ErrorProfile Profile, IReadOnlyList<VerificationCell> Cells, IReadOnlyDictionary<string, int?> MinimumReads);
