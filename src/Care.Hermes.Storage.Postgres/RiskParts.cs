using System.Globalization;
using Care.Clinical.EarlyWarning;

namespace Care.Hermes.Storage.Postgres;

/// <summary>Stores NEWS2 parts as seven comma-separated sub-scores in chart order (RR, SpO2, air/O2, SBP, pulse, ACVPU, temperature).</summary>
internal static class RiskParts
{
    public static string Format(News2Parts p) => string.Create(CultureInfo.InvariantCulture,
        $"{p.RespiratoryRate},{p.SpO2},{p.AirOrOxygen},{p.Systolic},{p.Pulse},{p.Consciousness},{p.Temperature}");

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
