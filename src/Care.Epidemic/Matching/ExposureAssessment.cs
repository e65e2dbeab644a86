namespace Care.Epidemic.Matching;

/// <summary>The outcome of matching published keys on one patch.</summary>
/// <param name="MatchedEncounters">Encounters whose identifier came from a published key.</param>
/// <param name="DistinctKeys">Distinct published keys matched.</param>
/// <param name="WeightedMinutes">Risk score (see <see cref="ExposureRisk"/>), weighted minutes.</param>
/// <param name="Notify">True when the score reaches the weights' threshold: the wearer should be told.</param>
public readonly record struct ExposureAssessment(int MatchedEncounters, int DistinctKeys, double WeightedMinutes, bool Notify);
