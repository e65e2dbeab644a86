namespace Care.Epidemic.Surveillance;

/// <summary>One step of <see cref="HermesDetector"/>.</summary>
/// <param name="Step">1-based index of the step (week or day) in its series.</param>
/// <param name="Observed">Count that step.</param>
/// <param name="Expected">Model mean that step (cases); NaN when there was no decision.</param>
/// <param name="Score">−log10 of the smallest mid-p tail probability over the windows; NaN when there was no decision, 0 when the count is 0.</param>
/// <param name="Window">Length of the window that gave the score (steps); 0 without a decision.</param>
public readonly record struct HermesWeek(int Step, int Observed, double Expected, double Score, int Window);
