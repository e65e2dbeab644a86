namespace Care.Simulation.Vitals;

/// <summary>
/// A simulated acute illness (sepsis-like): vitals worsen over <see cref="Ramp"/>, stay at their
/// worst for <see cref="Plateau"/>, then recover over <see cref="Recovery"/>. At full severity:
/// heart rate +40/min, respiration +12/min, temperature +2.2 °C, SpO2 −7 points, systolic −35 mmHg.
/// </summary>
/// <param name="Onset">When the first change starts.</param>
public sealed record Deterioration(DateTimeOffset Onset)
{
    /// <summary>Time from onset to full severity.</summary>
    public static readonly TimeSpan Ramp = TimeSpan.FromHours(6);

    /// <summary>Time at full severity.</summary>
    public static readonly TimeSpan Plateau = TimeSpan.FromHours(8);

    /// <summary>Time back to baseline.</summary>
    public static readonly TimeSpan Recovery = TimeSpan.FromHours(10);

    /// <summary>Severity in [0, 1] at <paramref name="time"/>.</summary>
    public double Severity(DateTimeOffset time)
    {
        var t = time - Onset;
        if (t <= TimeSpan.Zero)
        {
            return 0;
        }
        if (t < Ramp)
        {
            return t / Ramp;
        }
        t -= Ramp;
        if (t < Plateau)
        {
            return 1;
        }
        t -= Plateau;
        return t < Recovery ? 1 - (t / Recovery) : 0;
    }
}
