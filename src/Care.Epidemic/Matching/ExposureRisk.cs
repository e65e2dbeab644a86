using Care.Epidemic.Exports;

namespace Care.Epidemic.Matching;

/// <summary>
/// Scores matched encounters: Σ minutes × bucket weight(attenuation) × transmission risk (level / 8,
/// level 0 counted as 1 / 8) × infectiousness(days since onset). Pure; thread-safe.
/// </summary>
public static class ExposureRisk
{
    /// <summary>The weighted minutes of one matched encounter.</summary>
    public static double Score(in ExposureMatch match, RiskWeights weights)
    {
        ArgumentNullException.ThrowIfNull(weights);
        var a = match.Encounter.AttenuationDb;
        var bucket = a <= weights.ImmediateMaxDb ? weights.ImmediateWeight
            : a <= weights.NearMaxDb ? weights.NearWeight
            : a <= weights.MediumMaxDb ? weights.MediumWeight
            : weights.OtherWeight;
        var transmission = Math.Max(1, match.Key.TransmissionRiskLevel) / (double)DiagnosisKey.MaxTransmissionRiskLevel;
        var infectiousness = match.Key.DaysSinceOnsetOfSymptoms is not { } d || d is >= -2 and <= 5
            ? weights.HighInfectiousnessWeight
            : weights.StandardInfectiousnessWeight;
        return match.Encounter.DurationMinutes * bucket * transmission * infectiousness;
    }

    /// <summary>The total weighted minutes of a set of matches.</summary>
    public static double Total(IEnumerable<ExposureMatch> matches, RiskWeights weights)
    {
        ArgumentNullException.ThrowIfNull(matches);
        var total = 0.0;
        foreach (var m in matches)
        {
            total += Score(m, weights);
        }
        return total;
    }

    /// <summary>True when the total reaches the notification threshold.</summary>
    public static bool IsRisky(IEnumerable<ExposureMatch> matches, RiskWeights weights) =>
        Total(matches, weights) >= weights.ThresholdWeightedMinutes;
}
