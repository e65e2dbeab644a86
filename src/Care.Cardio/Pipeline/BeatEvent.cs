namespace Care.Cardio.Pipeline;

/// <summary>A decided beat with its rate context.</summary>
/// <param name="Sample">The QRS fiducial sample.</param>
/// <param name="DecidedAtSample">The sample at which the beat was decided.</param>
/// <param name="RrSeconds">Interval from the previous beat, seconds (NaN for the first beat).</param>
/// <param name="HeartRateBpm">Heart rate from the median of the last 8 RR intervals, beats per minute (NaN until there is one).</param>
/// <param name="AtrialCorrelation">Correlation of the segment before this QRS with the running atrial template (near 1: a steady P wave; low: none, as in AF; NaN when unknown).</param>
/// <param name="FromSearchBack">True when the detector recovered the beat late by search-back.</param>
public readonly record struct BeatEvent(long Sample, long DecidedAtSample, double RrSeconds, double HeartRateBpm, double AtrialCorrelation, bool FromSearchBack);
