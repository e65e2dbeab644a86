namespace Care.Fuzzing.Engine;

/// <summary>What one bounded run of a target did.</summary>
/// <param name="Target">The target's name.</param>
/// <param name="Seed">The mutation seed.</param>
/// <param name="Executions">Inputs run.</param>
/// <param name="Elapsed">Wall-clock time of the run.</param>
/// <param name="Accepted">Inputs the parser accepted.</param>
/// <param name="Refused">Inputs refused with a documented input error.</param>
/// <param name="CorpusSize">Inputs kept because they gave an outcome not seen before.</param>
/// <param name="Findings">Distinct findings, minimised.</param>
internal sealed record FuzzReport(string Target, int Seed, long Executions, TimeSpan Elapsed, long Accepted, long Refused, int CorpusSize, IReadOnlyList<FuzzFinding> Findings)
{
    /// <summary>Executions per second of wall-clock time.</summary>
    public double ExecutionsPerSecond => Elapsed.TotalSeconds > 0 ? Executions / Elapsed.TotalSeconds : 0;
}
