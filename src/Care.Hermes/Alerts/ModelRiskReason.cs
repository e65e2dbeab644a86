using System.Globalization;
using Care.Clinical.EarlyWarning;
using Care.Clinical.Sepsis;
using Care.Hermes.Storage;

namespace Care.Hermes.Alerts;

/// <summary>Says in words why the sepsis model alerted, with what the model is and is not.</summary>
public static class ModelRiskReason
{
    /// <summary>Stated with every model output: where the model comes from and that it supports, not replaces, a clinician.</summary>
    public const string Notice =
        "The model was trained on ICU patients (PhysioNet/CinC Challenge 2019), not on people wearing a patch at home; here it sees only hourly patch vitals, so its probabilities are not calibrated for wearers. "
        + SepsisRisk.DecisionSupportNotice;

    /// <summary>The alert level of a model level on the shared NEWS2 response scale: Elevated is medium, High (the alarm) is high, Low does not alert.</summary>
    public static News2Level AlertLevel(SepsisRiskLevel level) => level switch
    {
        SepsisRiskLevel.High => News2Level.High,
        SepsisRiskLevel.Elevated => News2Level.Medium,
        _ => News2Level.Low,
    };

    /// <summary>The model level's name: low, elevated or high.</summary>
    public static string LevelName(SepsisRiskLevel level) => level switch
    {
        SepsisRiskLevel.Low => "low",
        SepsisRiskLevel.Elevated => "elevated",
        SepsisRiskLevel.High => "high",
        _ => throw new ArgumentOutOfRangeException(nameof(level), level, "not a sepsis risk level"),
    };

    /// <summary>
    /// E.g. "Sepsis model sepsis-vitals-v3: risk 12/100 (high, the model's alarm: elevated from 8, alarm from 12; 95 % interval 9-15).
    /// Top contributions: Temp = 39.1 (+0.48), HR_mean6h = 117.5 (+0.40), …. Alert policy: … The model was trained on ICU patients …";
    /// <paramref name="policy"/>, when given, says what the alert policy required (see <c>ModelAlertPolicy</c>).
    /// </summary>
    public static string Describe(ModelRiskRecord risk, string modelName, string? policy = null)
    {
        ArgumentNullException.ThrowIfNull(risk);
        var inv = CultureInfo.InvariantCulture;
        string level = risk.Level == SepsisRiskLevel.High ? "high, the model's alarm" : LevelName(risk.Level);
        if (risk.LevelRule is string rule)
        {
            level += ": " + rule;
        }
        var parts = risk.Contributions.Select(c => string.Create(inv,
            $"{c.Feature} = {(c.Value is double v ? v.ToString("0.##", inv) : "missing")} ({c.LogOdds:+0.00;-0.00})"));
        return string.Create(inv,
            $"Sepsis model {modelName}: risk {risk.Score}/100 ({level}; 95 % interval {risk.ScoreLow}-{risk.ScoreHigh}). Top contributions (log-odds): {string.Join(", ", parts)}. {(policy is null ? "" : policy + " ")}{Notice}");
    }

    /// <summary>The alert an escalating model output raises; <paramref name="policy"/> says what the alert policy required.</summary>
    public static AlertRecord Alert(ModelRiskRecord risk, string modelName, string? policy = null) =>
        new(0, risk.WearerId, risk.Time, AlertLevel(risk.Level), risk.Score, Describe(risk, modelName, policy))
        {
            Kind = AlertKind.SepsisModel,
            Explanation = risk,
        };
}
