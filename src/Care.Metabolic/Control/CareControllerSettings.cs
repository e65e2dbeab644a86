using Care.Metabolic.Patients;

namespace Care.Metabolic.Control;

/// <summary>
/// The personal settings of <see cref="CareController"/>, derived from the questionnaire
/// (<c>Quest.csv</c>) only, plus the algorithm's fixed constants.
/// </summary>
public sealed record CareControllerSettings
{
    /// <summary>Correction factor (mg/dL per U), Quest CF.</summary>
    public required double SensitivityMgPerDlPerUnit { get; init; }

    /// <summary>Carbohydrate ratio (g per U), Quest CR.</summary>
    public required double CarbRatioGramsPerUnit { get; init; }

    /// <summary>Initial basal estimate (U/h): half the total daily insulin over 24 h.</summary>
    public required double InitialBasalUnitsPerHour { get; init; }

    /// <summary>Glucose target (mg/dL) of the eventual prediction; 85 was chosen over 90 and 100 on development seeds 101-105.</summary>
    public double TargetMgPerDl { get; init; } = 85;

    /// <summary>Suspend when the lowest predicted glucose over the next 2 h is below this (mg/dL).</summary>
    public double SuspendBelowPredictedMgPerDl { get; init; } = 80;

    /// <summary>Time constant of the insulin action model (min); peak action at τ.</summary>
    public double InsulinTauMinutes { get; init; } = 90;

    /// <summary>Time constant of the carbohydrate absorption model (min).</summary>
    public double CarbTauMinutes { get; init; } = 60;

    /// <summary>Largest automatic correction micro-bolus, in hours of the basal estimate.</summary>
    public double MaxMicroBolusBasalHours { get; init; } = 1.0;

    /// <summary>Settings from the questionnaire.</summary>
    public static CareControllerSettings FromQuest(QuestParameters quest) => new()
    {
        SensitivityMgPerDlPerUnit = quest.CorrectionFactorMgPerDlPerUnit,
        CarbRatioGramsPerUnit = quest.CarbRatioGramsPerUnit,
        InitialBasalUnitsPerHour = 0.5 * quest.TotalDailyInsulinUnits / 24.0,
    };
}
