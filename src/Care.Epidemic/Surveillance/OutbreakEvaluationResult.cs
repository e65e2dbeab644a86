namespace Care.Epidemic.Surveillance;

/// <summary>The result of <see cref="InjectedOutbreakEvaluation.Run"/>.</summary>
/// <param name="SeriesPerSet">Simulated series in each of the development and test sets.</param>
/// <param name="Baselines">Each package detector on the test seeds.</param>
/// <param name="Matched">Hermes against each baseline at the baseline's false-positive rate.</param>
/// <param name="Real">Every detector (Hermes at the Noufaily-matched threshold) on the labelled real series, over the same weeks.</param>
public sealed record OutbreakEvaluationResult(int SeriesPerSet, IReadOnlyList<DetectionOutcome> Baselines, IReadOnlyList<MatchedComparison> Matched, IReadOnlyList<DetectorScore> Real);
