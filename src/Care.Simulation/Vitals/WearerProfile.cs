namespace Care.Simulation.Vitals;

/// <summary>
/// A simulated adult's resting physiology (awake, daytime means). Ranges follow healthy-adult
/// reference values: heart rate 55–85/min, respiration 12–18/min, SpO2 95–99 %, core
/// temperature 36.4–37.1 °C, blood pressure 105–140 / 65–88 mmHg.
/// </summary>
/// <param name="HeartRate">Mean heart rate, /min.</param>
/// <param name="RespiratoryRate">Mean respiration, /min.</param>
/// <param name="SpO2">Mean SpO2, %.</param>
/// <param name="Temperature">Mean temperature, °C.</param>
/// <param name="Systolic">Mean systolic pressure, mmHg.</param>
/// <param name="Diastolic">Mean diastolic pressure, mmHg.</param>
/// <param name="KioskHour">Hour of day (UTC) the wearer visits a kiosk.</param>
public sealed record WearerProfile(
    double HeartRate, double RespiratoryRate, double SpO2, double Temperature, double Systolic, double Diastolic, double KioskHour)
{
    internal static WearerProfile Draw(Gaussian g) => new(
        HeartRate: g.Uniform(58, 82),
        RespiratoryRate: g.Uniform(12.5, 17),
        SpO2: g.Uniform(96, 98.8),
        Temperature: g.Uniform(36.5, 37.0),
        Systolic: g.Uniform(108, 138),
        Diastolic: g.Uniform(66, 86),
        KioskHour: g.Uniform(8, 20));
}
