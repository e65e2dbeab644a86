namespace Care.Core.Observations;

/// <summary>
/// What Care knows about one kind of observation: its LOINC code, its UCUM unit and the range
/// a living body can show (inclusive). A value outside the range is a sensor fault or a
/// typing error, never a measurement, and is rejected at ingest.
/// </summary>
/// <param name="Sign">The kind of observation.</param>
/// <param name="Loinc">The LOINC code, e.g. <c>8867-4</c>.</param>
/// <param name="Ucum">The UCUM unit the value is expressed in, e.g. <c>/min</c>.</param>
/// <param name="Display">A short human name.</param>
/// <param name="Minimum">The lowest physiologically possible value, in <paramref name="Ucum"/>.</param>
/// <param name="Maximum">The highest physiologically possible value, in <paramref name="Ucum"/>.</param>
public sealed record ObservationType(
    VitalSign Sign, string Loinc, string Ucum, string Display, double Minimum, double Maximum)
{
    /// <summary>True when <paramref name="value"/> is a finite number inside the physiological range.</summary>
    public bool IsPlausible(double value) => double.IsFinite(value) && value >= Minimum && value <= Maximum;
}
