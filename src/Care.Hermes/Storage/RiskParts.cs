using System.Globalization;
using Care.Clinical.EarlyWarning;

namespace Care.Hermes.Storage;

/// <summary>How every backend stores NEWS2 parts: seven comma-separated sub-scores in chart order (RR, SpO2, air/O2, SBP, pulse, ACVPU, temperature). Stateless; thread safe.</summary>
public static class RiskParts
{
    /// <summary>The seven sub-scores as stored.</summary>
    public static string Format(News2Parts p) => string.Create(CultureInfo.InvariantCulture,
        $"{p.RespiratoryRate},{p.SpO2},{p.AirOrOxygen},{p.Systolic},{p.Pulse},{p.Consciousness},{p.Temperature}");

    /// <summary>A stored score: <paramref name="total"/>, <paramref name="level"/> and the parts in <paramref name="text"/>; <see cref="InvalidDataException"/> unless there are seven.</summary>
    public static News2Score Parse(int total, int level, string text)
    {
        var n = text.Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToArray();
        if (n.Length != 7)
        {
            throw new InvalidDataException($"stored NEWS2 parts '{text}' do not have 7 sub-scores");
        }
        return new News2Score(total, (News2Level)level, new News2Parts(n[0], n[1], n[2], n[3], n[4], n[5], n[6]));
    }
}
