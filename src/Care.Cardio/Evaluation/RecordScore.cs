namespace Care.Cardio.Evaluation;

/// <summary>The beat-detection score of one record.</summary>
/// <param name="Record">The record name.</param>
/// <param name="Match">The beat-by-beat comparison.</param>
/// <param name="LatenciesMs">Decision latency of each detected beat (emission minus fiducial), in milliseconds.</param>
/// <param name="SearchBackBeats">Beats recovered by search-back (emitted late by design).</param>
public sealed record RecordScore(string Record, BeatMatchResult Match, IReadOnlyList<double> LatenciesMs, int SearchBackBeats);
