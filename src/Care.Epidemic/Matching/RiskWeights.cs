namespace Care.Epidemic.Matching;

/// <summary>
/// Weights of the exposure risk score: attenuation buckets × minutes × transmission risk × infectiousness
/// by days since symptom onset. Defaults follow the published configuration of Germany's
/// Corona-Warn-App (attenuation thresholds 55/63/73 dB, bucket weights 1 / 0.5 / 0.25 / 0,
/// infectiousness high from −2 to +5 days) — see ADR 0010; they are not tuned on our data
/// (the epidemic world that should choose them is not built yet). Immutable.
/// </summary>
/// <param name="ImmediateMaxDb">Upper bound of the "immediate" bucket, dB.</param>
/// <param name="NearMaxDb">Upper bound of the "near" bucket, dB.</param>
/// <param name="MediumMaxDb">Upper bound of the "medium" bucket, dB; above it the encounter is "other".</param>
/// <param name="ImmediateWeight">Weight per minute in the immediate bucket.</param>
/// <param name="NearWeight">Weight per minute in the near bucket.</param>
/// <param name="MediumWeight">Weight per minute in the medium bucket.</param>
/// <param name="OtherWeight">Weight per minute beyond the medium bucket.</param>
/// <param name="HighInfectiousnessWeight">Multiplier for keys from −2 to +5 days around onset (or onset unknown).</param>
/// <param name="StandardInfectiousnessWeight">Multiplier for other days within ±14.</param>
/// <param name="ThresholdWeightedMinutes">Score at or above which the wearer is notified, weighted minutes.</param>
public sealed record RiskWeights(
    double ImmediateMaxDb = 55,
    double NearMaxDb = 63,
    double MediumMaxDb = 73,
    double ImmediateWeight = 1.0,
    double NearWeight = 0.5,
    double MediumWeight = 0.25,
    double OtherWeight = 0,
    double HighInfectiousnessWeight = 1.0,
    double StandardInfectiousnessWeight = 0.6,
    double ThresholdWeightedMinutes = 15)
{
    /// <summary>The defaults described above.</summary>
    public static RiskWeights Default { get; } = new();

    /// <summary>
    /// The weights chosen by <c>care eval exposure --tune 1,2,3</c> on the epidemic world's development seeds
    /// (highest recall with precision ≥ 0.5; docs/validation.md). Not yet tuned: equal to <see cref="Default"/>.
    /// </summary>
    public static RiskWeights Tuned { get; } = new();
}
