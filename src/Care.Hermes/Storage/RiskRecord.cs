using Care.Clinical.EarlyWarning;

namespace Care.Hermes.Storage;

/// <summary>A stored NEWS2 assessment of one wearer.</summary>
/// <param name="WearerId">The wearer.</param>
/// <param name="Time">End of the epoch scored.</param>
/// <param name="Score">The score and its parts.</param>
public sealed record RiskRecord(string WearerId, DateTimeOffset Time, News2Score Score);
