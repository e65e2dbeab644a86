namespace Care.Core.Observations;

/// <summary>
/// The kinds of observation Care records. Each has one LOINC code and one UCUM unit
/// (see <see cref="ObservationCatalog"/>). The numeric values are stored and must not change.
/// </summary>
public enum VitalSign : byte
{
    /// <summary>Heart rate, LOINC 8867-4, <c>/min</c>.</summary>
    HeartRate = 1,

    /// <summary>Oxygen saturation by pulse oximetry, LOINC 59408-5, <c>%</c>.</summary>
    OxygenSaturation = 2,

    /// <summary>Body temperature, LOINC 8310-5, <c>Cel</c>.</summary>
    BodyTemperature = 3,

    /// <summary>Respiratory rate, LOINC 9279-1, <c>/min</c>.</summary>
    RespiratoryRate = 4,

    /// <summary>Systolic blood pressure, LOINC 8480-6, <c>mm[Hg]</c>.</summary>
    SystolicBloodPressure = 5,

    /// <summary>Diastolic blood pressure, LOINC 8462-4, <c>mm[Hg]</c>.</summary>
    DiastolicBloodPressure = 6,

    /// <summary>Glucose in interstitial fluid (CGM), LOINC 99504-3, <c>mg/dL</c>.</summary>
    InterstitialGlucose = 7,
}
