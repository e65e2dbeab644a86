using Care.Clinical.Sepsis;

namespace Care.Hermes.Risk;

/// <summary>What a <see cref="ModelAlertPolicy"/> remembers between hours; part of the wearer's persisted model-risk state.</summary>
/// <param name="EpisodeLevel">Highest model level alerted in the open episode (<see cref="SepsisRiskLevel.Low"/> when none is open).</param>
/// <param name="CalmHours">Consecutive hours at Low in an open episode.</param>
/// <param name="ElevatedRun">Consecutive scored hours at Elevated or above, up to and including the last.</param>
/// <param name="LastProbability">The last scored hour's calibrated probability (0–1), or null before the first.</param>
internal sealed record ModelAlertPolicyState(SepsisRiskLevel EpisodeLevel, int CalmHours, int ElevatedRun, double? LastProbability);
