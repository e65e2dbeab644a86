using Care.Clinical.EarlyWarning;

namespace Care.Hermes.Alerts;

/// <summary>Says in words why a NEWS2 score alerted: the level and every parameter that scored.</summary>
public static class AlertReason
{
    /// <summary>E.g. "NEWS2 7 (High): respiration 3, SpO2 2, pulse 2. Decision support: assess the wearer."</summary>
    public static string Describe(News2Score score)
    {
        ArgumentNullException.ThrowIfNull(score);
        var p = score.Parts;
        var parts = new List<string>(7);
        Add(parts, "respiration", p.RespiratoryRate);
        Add(parts, "SpO2", p.SpO2);
        Add(parts, "oxygen", p.AirOrOxygen);
        Add(parts, "systolic BP", p.Systolic);
        Add(parts, "pulse", p.Pulse);
        Add(parts, "consciousness", p.Consciousness);
        Add(parts, "temperature", p.Temperature);
        return $"NEWS2 {score.Total} ({score.Level}): {string.Join(", ", parts)}. Decision support: a clinician should assess the wearer.";
    }

    private static void Add(List<string> parts, string name, int value)
    {
        if (value > 0)
        {
            parts.Add($"{name} {value}");
        }
    }
}
