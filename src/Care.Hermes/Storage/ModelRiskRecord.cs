using Care.Clinical.Sepsis;

namespace Care.Hermes.Storage;

/// <summary>
/// One explained output of the sepsis model for a wearer-hour. Decision support: it supports, and
/// does not replace, a clinician; the model was trained on ICU data, not on wearers.
/// </summary>
/// <param name="WearerId">The wearer.</param>
/// <param name="Time">End of the hour scored (the output exists from then on).</param>
/// <param name="Hour">0-based index of the hour since the wearer's first scored hour.</param>
/// <param name="Inputs">The hour's vitals as the model saw them: hourly medians of HR (/min), SpO2 (%), temperature (°C), systolic BP, MAP, diastolic BP (mm Hg) and respiration (/min), in that order; NaN = not measured that hour.</param>
/// <param name="Measured">True when at least one vital was measured in the hour (only such hours may alert).</param>
/// <param name="Score">0–100: the calibrated probability, in %, that the hour is within 6 h before sepsis onset or later.</param>
/// <param name="Probability">The calibrated probability, 0–1.</param>
/// <param name="ProbabilityLow">Lower end of the 95 % interval of the calibrated probability.</param>
/// <param name="ProbabilityHigh">Upper end of that interval.</param>
/// <param name="Level">Low, Elevated or High (High = the model's alarm), decided on <paramref name="Score"/> by <see cref="ElevatedScore"/> and <see cref="AlarmScore"/>.</param>
/// <param name="Contributions">The features that moved the risk most, largest |contribution| first.</param>
public sealed record ModelRiskRecord(
    string WearerId,
    DateTimeOffset Time,
    int Hour,
    IReadOnlyList<float> Inputs,
    bool Measured,
    int Score,
    double Probability,
    double ProbabilityLow,
    double ProbabilityHigh,
    SepsisRiskLevel Level,
    IReadOnlyList<RiskContribution> Contributions)
{
    /// <summary>Score from which the output is Elevated (0 for outputs stored before thresholds were recorded).</summary>
    public int ElevatedScore { get; init; }

    /// <summary>Score from which the output is High, the alarm (0 for outputs stored before thresholds were recorded).</summary>
    public int AlarmScore { get; init; }

    /// <summary>Shown lower end of the 95 % interval on the score's scale (rounded down, so never above <see cref="Score"/>).</summary>
    public int ScoreLow => Math.Min(Score, RiskScore.Floor(ProbabilityLow));

    /// <summary>Shown upper end of the 95 % interval on the score's scale (rounded up, so never below <see cref="Score"/>).</summary>
    public int ScoreHigh => Math.Max(Score, RiskScore.Ceiling(ProbabilityHigh));

    /// <summary>The rule that gave the level, in words, e.g. "elevated from 8, alarm from 12"; null when not recorded.</summary>
    public string? LevelRule => AlarmScore > 0 ? $"elevated from {ElevatedScore}, alarm from {AlarmScore}" : null;
}
