namespace Care.Hermes.Ingest;

/// <summary>
/// A well-formed bundle that contradicts what is stored (its id reused for other content, or
/// data older than the wearer's newest stored observation). Nothing was stored; HTTP 409.
/// </summary>
public sealed class IngestConflictException(string where, string problem) : Exception($"{where}: {problem}")
{
    /// <summary>The JSON path of the conflicting field.</summary>
    public string Where { get; } = where;

    /// <summary>What conflicts, in words.</summary>
    public string Problem { get; } = problem;
}
