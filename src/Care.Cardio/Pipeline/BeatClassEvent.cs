using Care.Cardio.Classes;

namespace Care.Cardio.Pipeline;

/// <summary>The AAMI class of a beat, decided one beat later (the classifier needs the following RR interval).</summary>
/// <param name="Sample">The beat's fiducial sample (as in its <see cref="BeatEvent"/>).</param>
/// <param name="Class">The AAMI class.</param>
/// <param name="ByHeavyTier">True when the light tier flagged the beat and the INT8 classifier ran; false when it was classed N by the light tier alone.</param>
/// <param name="DecidedAtSample">The sample at which the class was decided.</param>
public readonly record struct BeatClassEvent(long Sample, AamiClass Class, bool ByHeavyTier, long DecidedAtSample);
