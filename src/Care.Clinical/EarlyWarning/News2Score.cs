namespace Care.Clinical.EarlyWarning;

/// <summary>
/// A NEWS2 result: the aggregate, its level and the sub-score of every parameter. Decision
/// support only: it prompts a clinical response; it does not replace clinical judgement.
/// </summary>
/// <param name="Total">Aggregate score, 0–20.</param>
/// <param name="Level">Clinical risk level.</param>
/// <param name="Parts">The sub-scores that make the total.</param>
public sealed record News2Score(int Total, News2Level Level, News2Parts Parts);
