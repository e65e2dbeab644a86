using Care.Clinical.EarlyWarning;
using Care.Hermes.Alerts;

namespace Care.Hermes.Storage;

/// <summary>An alert raised for a wearer. Decision support: it asks a clinician to look.</summary>
/// <param name="Id">Storage id (0 before it is stored).</param>
/// <param name="WearerId">The wearer.</param>
/// <param name="RaisedAt">The time of the assessment that raised it.</param>
/// <param name="Level">
/// The response level on the NEWS2 scale, shared by every kind so one filter serves all: a NEWS2
/// alert carries its NEWS2 level; a sepsis-model alert is <see cref="News2Level.Medium"/> when the
/// model's level is Elevated and <see cref="News2Level.High"/> when it is High (the model's alarm).
/// </param>
/// <param name="Score">The NEWS2 aggregate, or the model's 0–100 score.</param>
/// <param name="Reason">Why it alerted, in words, with the decision-support notice.</param>
/// <param name="AcknowledgedAt">When a clinician acknowledged it, or null.</param>
/// <param name="AcknowledgedBy">The token id that acknowledged it, or null.</param>
public sealed record AlertRecord(
    long Id, string WearerId, DateTimeOffset RaisedAt, News2Level Level, int Score, string Reason,
    DateTimeOffset? AcknowledgedAt = null, string? AcknowledgedBy = null)
{
    /// <summary>What raised the alert (default NEWS2).</summary>
    public AlertKind Kind { get; init; } = AlertKind.News2;

    /// <summary>For a sepsis-model alert, the explained output that raised it (score, interval, level, contributions); otherwise null.</summary>
    public ModelRiskRecord? Explanation { get; init; }
}
