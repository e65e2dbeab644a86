namespace Care.Cardio.Classes;

/// <summary>A detected beat with its features, the light tier's flag and (when matched) its reference class.</summary>
/// <param name="Sample">The detected beat's fiducial sample.</param>
/// <param name="Features">The classifier features (<see cref="BeatFeatures.Count"/> values).</param>
/// <param name="Flagged">True when the light tier sends the beat to the classifier.</param>
/// <param name="Reference">The reference AAMI class of the matching annotated beat, or null when the detection matched none.</param>
public sealed record LabelledBeat(long Sample, float[] Features, bool Flagged, AamiClass? Reference);
