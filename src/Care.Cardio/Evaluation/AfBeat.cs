using Care.Cardio.Classes;

namespace Care.Cardio.Evaluation;

/// <summary>A detected beat as the AF detectors see it (recorded from the pipeline for replay).</summary>
/// <param name="Sample">The QRS fiducial sample.</param>
/// <param name="RrSeconds">Interval from the previous detected beat, seconds (NaN for the first).</param>
/// <param name="AtrialCorrelation">Atrial-segment correlation before this beat (NaN when unknown).</param>
/// <param name="Class">The AAMI class the pipeline gave the beat.</param>
public readonly record struct AfBeat(long Sample, double RrSeconds, double AtrialCorrelation, AamiClass Class);
