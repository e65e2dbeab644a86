namespace Care.Cardio.Evaluation;

/// <summary>The outcome of <see cref="AfLeaveOneOut.Run"/>.</summary>
/// <param name="Candidate">The candidate evaluated.</param>
/// <param name="Objective">How settings were chosen.</param>
/// <param name="HeldOut">Per record, its score under the setting chosen without it.</param>
/// <param name="ChosenPerFold">Per record, the setting chosen without it.</param>
/// <param name="ChosenOnAll">The setting chosen on all records (what would ship).</param>
/// <param name="ChosenOnAllIndex">Its index in the candidate's settings.</param>
/// <param name="InSample">Per record, its score under <paramref name="ChosenOnAll"/> (in-sample, optimistic).</param>
public sealed record AfLeaveOneOutResult(
    AfCandidate Candidate,
    AfObjective Objective,
    IReadOnlyList<AfScore> HeldOut,
    IReadOnlyList<string> ChosenPerFold,
    string ChosenOnAll,
    int ChosenOnAllIndex,
    IReadOnlyList<AfScore> InSample)
{
    /// <summary>Gross held-out figures.</summary>
    public AfTotals Totals => AfTotals.Of(HeldOut);

    /// <summary>
    /// The held-out per-record burden errors, largest first: candidates are ranked by comparing these
    /// lists element by element (the best worst case first, then the next worst).
    /// </summary>
    public IReadOnlyList<double> WorstFirstBurdenErrors => [.. HeldOut.Select(s => Math.Round(Math.Abs(s.BurdenErrorPoints), 1)).OrderDescending()];
}
