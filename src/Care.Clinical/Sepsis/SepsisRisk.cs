namespace Care.Clinical.Sepsis;

/// <summary>
/// A sepsis risk output for one patient-hour: decision support that helps, and does not replace,
/// a clinician's judgement.
/// </summary>
/// <param name="Hour">0-based hour of the stay this output is for.</param>
/// <param name="Score">0–100: the calibrated probability (in %) that the hour lies within 6 h before sepsis onset or later.</param>
/// <param name="Probability">Calibrated probability in [0, 1].</param>
/// <param name="ProbabilityLow">Lower end of the 95 % interval of the observed rate in the calibration bin of this output.</param>
/// <param name="ProbabilityHigh">Upper end of that interval.</param>
/// <param name="Level">Low, Elevated or High (High = alarm).</param>
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

    /// <summary>True when the output is an alarm (<see cref="SepsisRiskLevel.High"/>).</summary>
    public bool Alarm => Level == SepsisRiskLevel.High;

    /// <summary>Always <see cref="DecisionSupportNotice"/>.</summary>
    public string Notice => DecisionSupportNotice;
}
