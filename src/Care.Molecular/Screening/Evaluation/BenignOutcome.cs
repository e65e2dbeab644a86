namespace Care.Molecular.Screening.Evaluation;

/// <summary>Screening outcome of one negative sequence.</summary>
/// <param name="Set"><c>control</c> (real benign sequence) or <c>natural-like</c> (Markov random).</param>
/// <param name="Id">Record id.</param>
/// <param name="LengthNt">Length.</param>
/// <param name="Flagged">True is a false positive.</param>
/// <param name="Hits">Sub-threshold hits found.</param>
/// <param name="Commec">commec 1.0.0's outcome for the record where known (Pass/Warning).</param>
public sealed record BenignOutcome(string Set, string Id, int LengthNt, bool Flagged, int Hits, string? Commec);
