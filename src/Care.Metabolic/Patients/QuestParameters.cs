namespace Care.Metabolic.Patients;

/// <summary>
/// What a clinic knows about a person with type-1 diabetes (one row of <c>Quest.csv</c>): the only
/// personal parameters a real device, and therefore Care's controller, may use.
/// </summary>
/// <param name="CarbRatioGramsPerUnit">Carbohydrate ratio CR: grams of carbohydrate covered by 1 U of insulin (&gt; 0).</param>
/// <param name="CorrectionFactorMgPerDlPerUnit">Correction factor CF: mg/dL that 1 U of insulin lowers glucose (&gt; 0).</param>
/// <param name="AgeYears">Age in years.</param>
/// <param name="TotalDailyInsulinUnits">Total daily insulin TDI in U/day (&gt; 0).</param>
public readonly record struct QuestParameters(
    double CarbRatioGramsPerUnit,
    double CorrectionFactorMgPerDlPerUnit,
    double AgeYears,
    double TotalDailyInsulinUnits);
