using Care.Epidemic.Proximity;

namespace Care.Epidemic.Exports;

/// <summary>
/// A published temporary exposure key (GAEN <c>TemporaryExposureKey</c>) with what a matcher needs to
/// weigh an exposure to it.
/// </summary>
/// <param name="KeyData">The 16-byte temporary exposure key.</param>
/// <param name="RollingStartIntervalNumber">First ten-minute interval the key was used (≥ 0; not necessarily a multiple of 144).</param>
/// <param name="RollingPeriod">Number of intervals the key was used, 1–144.</param>
/// <param name="TransmissionRiskLevel">GAEN transmission risk, 0–8 (higher is riskier).</param>
/// <param name="ReportType">Why the key was published.</param>
/// <param name="DaysSinceOnsetOfSymptoms">Days from symptom onset to the key's day (−14 to 14), or null when not stated.</param>
public readonly record struct DiagnosisKey(
    Block128 KeyData,
    int RollingStartIntervalNumber,
    int RollingPeriod,
    int TransmissionRiskLevel,
    ReportType ReportType,
    int? DaysSinceOnsetOfSymptoms)
{
    /// <summary>Largest transmission risk level GAEN defines.</summary>
    public const int MaxTransmissionRiskLevel = 8;

    /// <summary>Largest |days since onset| GAEN accepts.</summary>
    public const int MaxDaysSinceOnset = 14;

    /// <summary>The interval after the key's last one.</summary>
    public long EndIntervalExclusive => (long)RollingStartIntervalNumber + RollingPeriod;

    /// <summary>
    /// The first thing wrong with this key as a GAEN key, or null when it is valid: an interval
    /// or period out of range, a risk level out of 0–8, days since onset out of ±14.
    /// </summary>
    public string? Problem()
    {
        if (RollingStartIntervalNumber < 0)
        {
            return $"rolling_start_interval_number {RollingStartIntervalNumber} is negative";
        }
        if (RollingPeriod is < 1 or > EnInterval.TekRollingPeriod)
        {
            return $"rolling_period {RollingPeriod} is outside 1–{EnInterval.TekRollingPeriod}";
        }
        if (EndIntervalExclusive > int.MaxValue)
        {
            return $"rolling_start_interval_number {RollingStartIntervalNumber} + rolling_period {RollingPeriod} overflows the 32-bit interval number";
        }
        if (TransmissionRiskLevel is < 0 or > MaxTransmissionRiskLevel)
        {
            return $"transmission_risk_level {TransmissionRiskLevel} is outside 0–{MaxTransmissionRiskLevel}";
        }
        if (DaysSinceOnsetOfSymptoms is { } days && Math.Abs(days) > MaxDaysSinceOnset)
        {
            return $"days_since_onset_of_symptoms {days} is outside ±{MaxDaysSinceOnset}";
        }
        if (!Enum.IsDefined(ReportType))
        {
            return $"report_type {(int)ReportType} is not a GAEN report type";
        }
        return null;
    }
}
