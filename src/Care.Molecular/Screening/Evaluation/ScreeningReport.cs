namespace Care.Molecular.Screening.Evaluation;

/// <summary>The figures of one screening evaluation.</summary>
/// <param name="Seed">Seed of the database and the evasion suite.</param>
/// <param name="Entries">Entries of concern in the synthetic database.</param>
/// <param name="DatabaseWindows">Windows the database answers for (see <see cref="ConcernDatabase.WindowCount"/>).</param>
/// <param name="Classes">Recall per evasion class.</param>
/// <param name="Misses">Every evasion case not flagged.</param>
/// <param name="Benign">Outcome per benign control and per natural-like random sequence.</param>
/// <param name="BenignCustomerFlags">Orders flagged when one customer orders every negative sequence (aggregation false positives).</param>
public sealed record ScreeningReport(
    int Seed,
    int Entries,
    long DatabaseWindows,
    IReadOnlyList<EvasionClassScore> Classes,
    IReadOnlyList<EvasionMiss> Misses,
    IReadOnlyList<BenignOutcome> Benign,
    int BenignCustomerFlags);
