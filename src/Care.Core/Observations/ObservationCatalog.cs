using System.Collections.Frozen;
using System.Diagnostics.CodeAnalysis;

namespace Care.Core.Observations;

/// <summary>
/// The observation codes Care accepts (LOINC, with UCUM units; see DESIGN.md). Thread safe.
/// </summary>
/// <remarks>
/// Physiological limits are deliberately wide: they reject impossible values (a heart rate of
/// 400/min, a temperature of 60 °C), not abnormal ones, which are exactly what Care must see.
/// </remarks>
public static class ObservationCatalog
{
    /// <summary>Every known observation type, ordered by <see cref="VitalSign"/>.</summary>
    public static IReadOnlyList<ObservationType> All { get; } =
    [
        new(VitalSign.HeartRate, "8867-4", "/min", "heart rate", 10, 350),
        new(VitalSign.OxygenSaturation, "59408-5", "%", "SpO2", 40, 100),
        new(VitalSign.BodyTemperature, "8310-5", "Cel", "body temperature", 25, 45),
        new(VitalSign.RespiratoryRate, "9279-1", "/min", "respiratory rate", 1, 90),
        new(VitalSign.SystolicBloodPressure, "8480-6", "mm[Hg]", "systolic blood pressure", 30, 300),
        new(VitalSign.DiastolicBloodPressure, "8462-4", "mm[Hg]", "diastolic blood pressure", 10, 200),
        new(VitalSign.InterstitialGlucose, "99504-3", "mg/dL", "glucose (CGM)", 10, 700),
    ];

    private static readonly FrozenDictionary<string, ObservationType> ByLoinc =
        All.ToFrozenDictionary(t => t.Loinc, StringComparer.Ordinal);

    /// <summary>Finds the type for a LOINC code; false when Care does not know the code.</summary>
    public static bool TryFind(string? loinc, [NotNullWhen(true)] out ObservationType? type)
    {
        if (loinc is null)
        {
            type = null;
            return false;
        }
        return ByLoinc.TryGetValue(loinc, out type);
    }

    /// <summary>The type of a known sign.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is not a defined <see cref="VitalSign"/>.</exception>
    public static ObservationType Get(VitalSign sign)
    {
        int index = (int)sign - 1;
        ArgumentOutOfRangeException.ThrowIfNegative(index, nameof(sign));
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, All.Count, nameof(sign));
        return All[index];
    }
}
