using Care.Hermes.Alerts;
using Care.Hermes.Storage;

namespace Care.Hermes.Api;

/// <summary>How an explained sepsis-model output appears in API answers.</summary>
internal static class ModelRiskJson
{
    public static object Describe(ModelRiskRecord r) => new
    {
        time = r.Time,
        score = r.Score,
        level = ModelRiskReason.LevelName(r.Level),
        alertLevel = AlertLevelName(r),
        probability = r.Probability,
        interval95 = new { low = r.ProbabilityLow, high = r.ProbabilityHigh },
        scoreInterval95 = new { low = r.ScoreLow, high = r.ScoreHigh },
        levelRule = r.AlarmScore > 0 ? new { elevatedFromScore = r.ElevatedScore, alarmFromScore = r.AlarmScore } : null,
        measuredThisHour = r.Measured,
        inputs = new
        {
            heartRatePerMin = Value(r.Inputs[0]),
            spo2Percent = Value(r.Inputs[1]),
            temperatureCelsius = Value(r.Inputs[2]),
            systolicMmHg = Value(r.Inputs[3]),
            meanArterialMmHg = Value(r.Inputs[4]),
            diastolicMmHg = Value(r.Inputs[5]),
            respiratoryRatePerMin = Value(r.Inputs[6]),
        },
        topContributions = r.Contributions.Select(c => new { feature = c.Feature, value = c.Value, logOdds = c.LogOdds }),
        notice = ModelRiskReason.Notice,
    };

    /// <summary>The level an alert from this output would carry, or null when the output does not alert.</summary>
    private static string? AlertLevelName(ModelRiskRecord r)
    {
        var level = ModelRiskReason.AlertLevel(r.Level);
        return level > Clinical.EarlyWarning.News2Level.Low ? Clinical.EarlyWarning.News2LevelNames.ToName(level) : null;
    }

    private static double? Value(float x) => float.IsNaN(x) ? null : Math.Round(x, 2);
}
