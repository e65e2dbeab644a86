namespace Care.Clinical.Sepsis;

/// <summary>The results of one cross-validation fold.</summary>
/// <param name="Fold">0-based fold number.</param>
/// <param name="Model">Model evaluated on the fold's test patients.</param>
/// <param name="News2">NEWS2 ≥ 5 on the same patients.</param>
/// <param name="Qsofa">qSOFA ≥ 2 on the same patients.</param>
/// <param name="AlarmMargin">The utility-optimal log-odds chosen on the fold's training patients.</param>
/// <param name="AlarmScore">The alarm score it gives (an hour alarms when its score reaches it).</param>
public sealed record FoldResult(int Fold, SepsisEvaluation Model, SepsisEvaluation News2, SepsisEvaluation Qsofa, double AlarmMargin, int AlarmScore);
