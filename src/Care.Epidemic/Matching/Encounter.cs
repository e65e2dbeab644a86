using Care.Epidemic.Proximity;

namespace Care.Epidemic.Matching;

/// <summary>One rolling identifier heard by a patch. Encounters never leave the patch.</summary>
/// <param name="Rpi">The rolling proximity identifier heard.</param>
/// <param name="Interval">GAEN interval number when it was heard.</param>
/// <param name="AttenuationDb">Attenuation (transmit power − RSSI) in dB, ≥ 0; lower means closer.</param>
/// <param name="DurationMinutes">Minutes the identifier was heard within the interval, 0–10 (GAEN scans every ~5 minutes).</param>
public readonly record struct Encounter(Block128 Rpi, int Interval, double AttenuationDb, double DurationMinutes);
