using Care.Core.Observations;

namespace Care.Hermes.Interop.Fhir;

/// <summary>
/// The UCUM units Care converts on import into its catalogue's unit; any other unit is refused. Exact
/// conversions only: glucose mmol/L → mg/dL by its molar mass (180.156 g/mol, so ×18.0156), °F → °C.
/// </summary>
internal static class FhirUnits
{
    /// <summary>The value in the catalogue's unit, or null when <paramref name="ucum"/> is not a unit Care accepts for the sign.</summary>
    public static double? ToCatalogue(ObservationType type, string? ucum, double value) => (type.Sign, ucum) switch
    {
        _ when string.Equals(ucum, type.Ucum, StringComparison.Ordinal) => value,
        (VitalSign.InterstitialGlucose, "mmol/L") => Math.Round(value * 18.0156, 6),
        (VitalSign.BodyTemperature, "[degF]") => Math.Round((value - 32) * 5 / 9, 6),
        (VitalSign.HeartRate or VitalSign.RespiratoryRate, "{beats}/min" or "{breaths}/min") => value,
        _ => null,
    };
}
