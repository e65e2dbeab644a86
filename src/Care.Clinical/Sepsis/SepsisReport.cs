namespace Care.Clinical.Sepsis;

/// <summary>
/// An evaluation of the model beside the NEWS2 (≥ 5 alarms) and qSOFA (≥ 2 alarms) baselines on
/// the same patients, pooled over the test folds (or over all patients for a given model).
/// </summary>
/// <param name="Model">The gradient-boosted model.</param>
/// <param name="News2">Partial NEWS2 (alert assumed) ≥ 5 as the alarm, NEWS2 as the score.</param>
/// <param name="Qsofa">Partial qSOFA (respiration ≥ 22, systolic ≤ 100) ≥ 2 as the alarm.</param>
/// <param name="Calibration">Predicted against observed rate of the model's calibrated probabilities.</param>
/// <param name="Folds">Per-fold results (empty when a given model was scored).</param>
public sealed record SepsisReport(
    SepsisEvaluation Model,
    SepsisEvaluation News2,
    SepsisEvaluation Qsofa,
    IReadOnlyList<CalibrationRow> Calibration,
    IReadOnlyList<FoldResult> Folds);
