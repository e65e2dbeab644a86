using Care.Metabolic.Control;
using Care.Metabolic.Safety;

namespace Care.Patch.Glucose;

/// <summary>
/// What a patch's insulin loop has learned and must hand to the next patch: the controller's state,
/// the governor's memory (so its insulin-on-board and hourly limits do not reset at a swap) and when
/// the last good CGM reading was taken (the governor judges staleness from it).
/// </summary>
/// <param name="Controller">The care controller's learned state.</param>
/// <param name="Governor">The safety governor's memory.</param>
/// <param name="LastGoodReading">When the last accepted CGM reading was taken; null when none yet.</param>
public sealed record PatchGlucoseLoopState(CareControllerSnapshot Controller, SafetyGovernorSnapshot Governor, DateTimeOffset? LastGoodReading);
