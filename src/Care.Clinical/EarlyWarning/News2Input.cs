namespace Care.Clinical.EarlyWarning;

/// <summary>One complete set of the seven NEWS2 parameters, taken at one time.</summary>
/// <param name="RespiratoryRatePerMin">Respiration rate, breaths per minute.</param>
/// <param name="SpO2Percent">Oxygen saturation, percent.</param>
/// <param name="OnOxygen">True when the patient receives supplemental oxygen.</param>
/// <param name="SystolicMmHg">Systolic blood pressure, mmHg.</param>
/// <param name="PulsePerMin">Pulse, beats per minute.</param>
/// <param name="Consciousness">ACVPU level.</param>
/// <param name="TemperatureCelsius">Body temperature, °C.</param>
/// <param name="Scale">SpO2 scale; <see cref="SpO2Scale.Scale1"/> unless a clinician chose scale 2.</param>
public sealed record News2Input(
    double RespiratoryRatePerMin,
    double SpO2Percent,
    bool OnOxygen,
    double SystolicMmHg,
    double PulsePerMin,
    Consciousness Consciousness,
    double TemperatureCelsius,
    SpO2Scale Scale = SpO2Scale.Scale1);
