using Care.Cardio.Rhythm;

namespace Care.Cardio.Pipeline;

/// <summary>A closed heart-rate-variability window.</summary>
/// <param name="Summary">The window's HRV figures.</param>
/// <param name="DecidedAtSample">The sample at which the window was closed.</param>
public readonly record struct HrvEvent(HrvSummary Summary, long DecidedAtSample);
