namespace Care.Clinical.EarlyWarning;

/// <summary>The sub-score (0–3) of each NEWS2 parameter.</summary>
/// <param name="RespiratoryRate">Respiration rate sub-score.</param>
/// <param name="SpO2">Oxygen saturation sub-score (on the scale in use).</param>
/// <param name="AirOrOxygen">2 on supplemental oxygen, else 0.</param>
/// <param name="Systolic">Systolic blood pressure sub-score.</param>
/// <param name="Pulse">Pulse sub-score.</param>
/// <param name="Consciousness">3 for any of C, V, P, U; else 0.</param>
/// <param name="Temperature">Temperature sub-score.</param>
public readonly record struct News2Parts(
    int RespiratoryRate, int SpO2, int AirOrOxygen, int Systolic, int Pulse, int Consciousness, int Temperature)
{
    /// <summary>The aggregate score, 0–20.</summary>
    public int Total => RespiratoryRate + SpO2 + AirOrOxygen + Systolic + Pulse + Consciousness + Temperature;

    /// <summary>True when any single parameter scores 3 (the "red score" of RCP 2017).</summary>
    public bool AnySingleThree =>
        RespiratoryRate == 3 || SpO2 == 3 || Systolic == 3 || Pulse == 3 || Consciousness == 3 || Temperature == 3;
}
