using Care.Clinical.EarlyWarning;

namespace Care.Hermes.Storage;

/// <summary>An alert raised for a wearer. Decision support: it asks a clinician to look.</summary>
/// <param name="Id">Storage id (0 before it is stored).</param>
/// <param name="WearerId">The wearer.</param>
/// <param name="RaisedAt">The time of the assessment that raised it.</param>
/// <param name="Level">The NEWS2 level reached.</param>
/// <param name="Score">The NEWS2 aggregate.</param>
/// <param name="Reason">Which parameters scored, in words.</param>
/// <param name="AcknowledgedAt">When a clinician acknowledged it, or null.</param>
/// <param name="AcknowledgedBy">The token id that acknowledged it, or null.</param>
public sealed record AlertRecord(
    long Id, string WearerId, DateTimeOffset RaisedAt, News2Level Level, int Score, string Reason,
    DateTimeOffset? AcknowledgedAt = null, string? AcknowledgedBy = null);
