namespace Care.Clinical.EarlyWarning;

/// <summary>
/// The National Early Warning Score 2 exactly as charted by the Royal College of Physicians
/// (NEWS2, December 2017, chart 1 and chart 2). Pure and thread safe.
/// </summary>
/// <remarks>
/// The chart scores whole numbers (temperature to one decimal). Measured values are rounded
/// half away from zero to that precision before banding, so 90.5/min scores as 91/min and
/// 38.04 °C as 38.0 °C. Every method rejects NaN and infinities with
/// <see cref="ArgumentOutOfRangeException"/>: a missing value is not a normal value.
/// </remarks>
public static class News2
{
    /// <summary>Scores a complete parameter set.</summary>
    public static News2Score Score(News2Input input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var parts = new News2Parts(
            RespiratoryRate(input.RespiratoryRatePerMin),
            SpO2(input.SpO2Percent, input.OnOxygen, input.Scale),
            AirOrOxygen(input.OnOxygen),
            Systolic(input.SystolicMmHg),
            Pulse(input.PulsePerMin),
            ConsciousnessScore(input.Consciousness),
            Temperature(input.TemperatureCelsius));
        return new News2Score(parts.Total, LevelOf(parts), parts);
    }

    /// <summary>The level for a set of sub-scores (RCP 2017 chart 2).</summary>
    public static News2Level LevelOf(News2Parts parts)
    {
        int total = parts.Total;
        return total >= 7 ? News2Level.High
            : total >= 5 ? News2Level.Medium
            : parts.AnySingleThree ? News2Level.LowMedium
            : News2Level.Low;
    }

    /// <summary>Respiration rate: ≤8 → 3; 9–11 → 1; 12–20 → 0; 21–24 → 2; ≥25 → 3.</summary>
    public static int RespiratoryRate(double breathsPerMin)
    {
        double r = Whole(breathsPerMin, nameof(breathsPerMin));
        return r <= 8 ? 3 : r <= 11 ? 1 : r <= 20 ? 0 : r <= 24 ? 2 : 3;
    }

    /// <summary>
    /// SpO2. Scale 1: ≤91 → 3; 92–93 → 2; 94–95 → 1; ≥96 → 0. Scale 2: ≤83 → 3; 84–85 → 2;
    /// 86–87 → 1; 88–92 → 0, and ≥93 → 0 on air; on oxygen 93–94 → 1, 95–96 → 2, ≥97 → 3.
    /// </summary>
    public static int SpO2(double percent, bool onOxygen, SpO2Scale scale = SpO2Scale.Scale1)
    {
        double s = Whole(percent, nameof(percent));
        if (scale == SpO2Scale.Scale1)
        {
            return s <= 91 ? 3 : s <= 93 ? 2 : s <= 95 ? 1 : 0;
        }
        if (s <= 83)
        {
            return 3;
        }
        if (s <= 85)
        {
            return 2;
        }
        if (s <= 87)
        {
            return 1;
        }
        if (s <= 92 || !onOxygen)
        {
            return 0;
        }
        return s <= 94 ? 1 : s <= 96 ? 2 : 3;
    }

    /// <summary>Air or oxygen: supplemental oxygen → 2; air → 0.</summary>
    public static int AirOrOxygen(bool onOxygen) => onOxygen ? 2 : 0;

    /// <summary>Systolic blood pressure: ≤90 → 3; 91–100 → 2; 101–110 → 1; 111–219 → 0; ≥220 → 3.</summary>
    public static int Systolic(double mmHg)
    {
        double p = Whole(mmHg, nameof(mmHg));
        return p <= 90 ? 3 : p <= 100 ? 2 : p <= 110 ? 1 : p <= 219 ? 0 : 3;
    }

    /// <summary>Pulse: ≤40 → 3; 41–50 → 1; 51–90 → 0; 91–110 → 1; 111–130 → 2; ≥131 → 3.</summary>
    public static int Pulse(double beatsPerMin)
    {
        double p = Whole(beatsPerMin, nameof(beatsPerMin));
        return p <= 40 ? 3 : p <= 50 ? 1 : p <= 90 ? 0 : p <= 110 ? 1 : p <= 130 ? 2 : 3;
    }

    /// <summary>Consciousness: alert → 0; new confusion, voice, pain or unresponsive → 3.</summary>
    public static int ConsciousnessScore(Consciousness level) =>
        Enum.IsDefined(level)
            ? (level == Consciousness.Alert ? 0 : 3)
            : throw new ArgumentOutOfRangeException(nameof(level), level, "not an ACVPU level");

    /// <summary>Temperature: ≤35.0 → 3; 35.1–36.0 → 1; 36.1–38.0 → 0; 38.1–39.0 → 1; ≥39.1 → 2.</summary>
    public static int Temperature(double celsius)
    {
        ThrowIfNotFinite(celsius, nameof(celsius));
        double t = Math.Round(celsius, 1, MidpointRounding.AwayFromZero);
        return t <= 35.0 ? 3 : t <= 36.0 ? 1 : t <= 38.0 ? 0 : t <= 39.0 ? 1 : 2;
    }

    private static double Whole(double value, string name)
    {
        ThrowIfNotFinite(value, name);
        return Math.Round(value, MidpointRounding.AwayFromZero);
    }

    private static void ThrowIfNotFinite(double value, string name)
    {
        if (!double.IsFinite(value))
        {
            throw new ArgumentOutOfRangeException(name, value, "must be a finite number");
        }
    }
}
