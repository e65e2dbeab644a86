namespace Care.Clinical.EarlyWarning;

/// <summary>
/// A NEWS2 score computed from a wearer's continuous vitals at the end of one epoch. Decision
/// support: it prompts a clinician to look; consciousness is assumed Alert and breathing air,
/// because a patch cannot observe either (see docs/architecture.md).
/// </summary>
/// <param name="Time">End of the epoch scored (UTC).</param>
/// <param name="Score">The score with its parts.</param>
/// <param name="Escalated">True when this score opened or raised an episode: an alert is due.</param>
public sealed record News2Assessment(DateTimeOffset Time, News2Score Score, bool Escalated);
