namespace Care.Metabolic.Scenarios;

/// <summary>What a scenario does in one simulated minute.</summary>
/// <param name="MealGrams">Carbohydrate the patient starts eating this minute (g, ≥ 0).</param>
/// <param name="AnnouncedGrams">Carbohydrate the wearer announces to the device this minute (g, ≥ 0; may differ from the meal).</param>
/// <param name="InsulinSensitivity">Multiplier on insulin-dependent glucose uptake (1 = normal).</param>
/// <param name="GlucoseProduction">Multiplier on endogenous glucose production (1 = normal).</param>
/// <param name="SensorDropout">True when the CGM gives no reading this minute.</param>
/// <param name="SensorOffsetMgPerDl">Added to the CGM reading (negative during a compression low, large for a spike).</param>
public readonly record struct ScenarioMinute(
    double MealGrams, double AnnouncedGrams, double InsulinSensitivity, double GlucoseProduction,
    bool SensorDropout, double SensorOffsetMgPerDl);
