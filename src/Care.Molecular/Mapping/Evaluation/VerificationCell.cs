namespace Care.Molecular.Mapping.Evaluation;

/// <summary>One condition at one read count: how many simulated products failed verification.</summary>
/// <param name="Condition">E.g. <c>clean</c>, <c>payload 0.1 %</c>, <c>point substitution</c>, <c>truncated</c>.</param>
/// <param name="Reads">Reads per product.</param>
/// <param name="Trials">Products simulated (each its own seed).</param>
/// <param name="Failed">Products that failed verification (for clean products: false alarms).</param>
/// <param name="MeanForeignReads">Mean reads that did not belong.</param>
public sealed record VerificationCell(string Condition, int Reads, int Trials, int Failed, double MeanForeignReads)
{
    /// <summary>Failed / trials, percent.</summary>
    public double FailedPercent => 100.0 * Failed / Trials;
}
