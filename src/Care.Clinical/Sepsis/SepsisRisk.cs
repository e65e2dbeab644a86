namespace Care.Clinical.Sepsis;

/// <summary>
/// A sepsis risk output for one patient-hour: decision support that helps, and does not replace,
/// a clinician's judgement.
/// </summary>
/// <param name="Hour">0-based hour of the stay this output is for.</param>
/// <param name="Score">0–100: the calibrated probability (in %) that the hour lies within 6 h before sepsis onset or later.</param>
/// <param name="Probability">Calibrated probability in [0, 1].</param>
/// <param name="ProbabilityLow">Lower end of the 95 % interval of the calibrated probability (the calibration bins' Wilson intervals, interpolated as the probability is); never above <paramref name="Probability"/>.</param>
/// <param name="ProbabilityHigh">Upper end of that interval; never below <paramref name="Probability"/>.</param>
/// <param name="Level">Low, Elevated or High (High = alarm), decided on <paramref name="Score"/> by <see cref="ElevatedScore"/> and <see cref="AlarmScore"/>.</param>
/// <param name="TopContributions">Features that moved the risk most, largest |contribution| first.</param>
public sealed record SepsisRisk(
    int Hour,
    int Score,
    double Probability,
    double ProbabilityLow,
    double ProbabilityHigh,
    SepsisRiskLevel Level,
    IReadOnlyList<FeatureContribution> TopContributions)
{
    /// <summary>The statement every output carries.</summary>
    public const string DecisionSupportNotice =
        "Decision support only: this estimate supports, and does not replace, a clinician's judgement.";

    /// <summary>Score from which the output is Elevated (0 when not stated).</summary>
    public int ElevatedScore { get; init; }

    /// <summary>Score from which the output is High, the alarm (0 when not stated).</summary>
    public int AlarmScore { get; init; }

    /// <summary>Shown lower end of the interval on the score's scale (rounded down; never above <see cref="Score"/>).</summary>
    public int ScoreLow => RiskScore.Floor(ProbabilityLow);

    /// <summary>Shown upper end of the interval on the score's scale (rounded up; never below <see cref="Score"/>).</summary>
    public int ScoreHigh => RiskScore.Ceiling(ProbabilityHigh);

    /// <summary>True when the output is an alarm (<see cref="SepsisRiskLevel.High"/>).</summary>
    public bool Alarm => Level == SepsisRiskLevel.High;

    /// <summary>Always <see cref="DecisionSupportNotice"/>.</summary>
    public string Notice => DecisionSupportNotice;
}
