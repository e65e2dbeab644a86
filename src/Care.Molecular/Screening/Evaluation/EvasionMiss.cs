namespace Care.Molecular.Screening.Evaluation;

/// <summary>An evasion case screening let through.</summary>
/// <param name="Class">Class name.</param>
/// <param name="Number">Case number in its class.</param>
/// <param name="EntryId">Entry it came from.</param>
/// <param name="Detail">How it was made.</param>
/// <param name="BestCoverageNt">Most order nucleotides any entry's windows covered (below the flag length).</param>
public sealed record EvasionMiss(string Class, int Number, string EntryId, string Detail, int BestCoverageNt);
