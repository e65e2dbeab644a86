using Care.Metabolic.Patients;

namespace Care.Metabolic.Safety;

/// <summary>
/// The hard limits the <see cref="SafetyGovernor"/> enforces whatever the controller asks. All
/// values must be finite and ≥ 0 (the governor's constructor checks).
/// </summary>
public sealed record SafetyLimits
{
    /// <summary>The scheduled basal rate (U/h) used as the fallback on sensor faults.</summary>
    public required double ScheduledBasalUnitsPerHour { get; init; }

    /// <summary>Highest basal rate ever delivered (U/h).</summary>
    public required double MaxBasalUnitsPerHour { get; init; }

    /// <summary>Largest single bolus (U).</summary>
    public required double MaxBolusUnits { get; init; }

    /// <summary>Highest insulin on board after a dose (U), by the governor's own insulin model.</summary>
    public required double MaxInsulinOnBoardUnits { get; init; }

    /// <summary>Rate limit: most insulin delivered in any rolling 60 minutes (U).</summary>
    public required double MaxUnitsPerHour { get; init; }

    /// <summary>Suspend everything when the current or 30-minute trend-predicted glucose is below this (mg/dL).</summary>
    public double SuspendBelowMgPerDl { get; init; } = 70;

    /// <summary>No bolus when the current glucose is below this (mg/dL).</summary>
    public double NoBolusBelowMgPerDl { get; init; } = 80;

    /// <summary>A reading older than this is stale.</summary>
    public TimeSpan StaleAfter { get; init; } = TimeSpan.FromMinutes(12);

    /// <summary>A change faster than this between consecutive readings is not physiological (mg/dL/min); the simulated children rise at up to ~7 mg/dL/min after meals.</summary>
    public double MaxPlausibleRateMgPerDlPerMinute { get; init; } = 12;

    /// <summary>Lowest and highest plausible reading (mg/dL); outside is a sensor fault.</summary>
    public double MinPlausibleMgPerDl { get; init; } = 39;

    /// <summary>Highest plausible reading (mg/dL).</summary>
    public double MaxPlausibleMgPerDl { get; init; } = 500;

    /// <summary>
    /// Limits from the questionnaire only (what a clinic would program): scheduled basal = half of
    /// the total daily insulin spread over 24 h (the usual 50 % basal rule), max basal 4× that, max
    /// bolus 25 % of TDI, max insulin on board 40 % of TDI, at most 35 % of TDI in any hour.
    /// </summary>
    public static SafetyLimits FromQuest(QuestParameters quest)
    {
        var tdi = quest.TotalDailyInsulinUnits;
        var basal = 0.5 * tdi / 24.0;
        return new SafetyLimits
        {
            ScheduledBasalUnitsPerHour = basal,
            MaxBasalUnitsPerHour = 4 * basal,
            MaxBolusUnits = 0.25 * tdi,
            MaxInsulinOnBoardUnits = 0.4 * tdi,
            MaxUnitsPerHour = 0.35 * tdi,
        };
    }
}
