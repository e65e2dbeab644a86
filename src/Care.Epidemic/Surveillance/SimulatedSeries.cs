namespace Care.Epidemic.Surveillance;

/// <summary>A simulated weekly series with injected outbreaks.</summary>
/// <param name="Scenario">Index in <see cref="BaselineScenario.Grid"/>.</param>
/// <param name="Observed">Baseline plus outbreak cases, week 1 first.</param>
/// <param name="Outbreak">True in the test weeks that received cases of the test-period outbreak.</param>
/// <param name="TestStart">First test week (1-based).</param>
/// <param name="SizeMultiple">k: the test outbreak's expected size in baseline standard deviations.</param>
/// <param name="OutbreakStart">Week the test outbreak starts.</param>
public sealed record SimulatedSeries(int Scenario, IReadOnlyList<int> Observed, IReadOnlyList<bool> Outbreak, int TestStart, int SizeMultiple, int OutbreakStart);
