namespace Care.Cardio.Detection;

/// <summary>A beat found by <see cref="QrsDetector"/>.</summary>
/// <param name="Sample">The QRS fiducial point (largest band-passed deflection), as a sample number since the last reset.</param>
/// <param name="DecidedAtSample">The sample number at which the detector emitted the beat (latency = this − <see cref="Sample"/>).</param>
/// <param name="Energy">The peak of the integrated QRS energy (relative use only: same units as the detector's running levels).</param>
/// <param name="Slope">The largest band-passed slope in the QRS (relative use only).</param>
/// <param name="FromSearchBack">True when the beat was recovered by search-back after an RR gap (emitted late).</param>
public readonly record struct DetectedBeat(long Sample, long DecidedAtSample, float Energy, float Slope, bool FromSearchBack);
