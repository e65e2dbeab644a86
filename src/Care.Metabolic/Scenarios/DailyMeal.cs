namespace Care.Metabolic.Scenarios;

/// <summary>One meal of a simulated day.</summary>
/// <param name="MinuteOfDay">Minutes after midnight (0..1439).</param>
/// <param name="Grams">Carbohydrate eaten (g).</param>
/// <param name="AnnouncedGrams">Carbohydrate announced to the device (g; 0 when not announced).</param>
public readonly record struct DailyMeal(int MinuteOfDay, double Grams, double AnnouncedGrams);
