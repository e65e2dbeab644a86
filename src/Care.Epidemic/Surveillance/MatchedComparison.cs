namespace Care.Epidemic.Surveillance;

/// <summary>
/// Hermes's detector against one baseline at the baseline's false-positive rate: the threshold was chosen on the
/// development seeds so that Hermes's development FPR does not exceed the baseline's development FPR; both
/// outcomes are measured on the other (test) seeds.
/// </summary>
/// <param name="Against">The baseline detector.</param>
/// <param name="DevelopmentFalsePositiveRate">The baseline's FPR on the development seeds (the target).</param>
/// <param name="Threshold">Hermes's calibrated threshold (−log10 p).</param>
/// <param name="Baseline">The baseline on the test seeds.</param>
/// <param name="Hermes">Hermes at that threshold on the test seeds.</param>
public sealed record MatchedComparison(string Against, double DevelopmentFalsePositiveRate, double Threshold, DetectionOutcome Baseline, DetectionOutcome Hermes);
