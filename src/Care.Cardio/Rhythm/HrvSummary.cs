namespace Care.Cardio.Rhythm;

/// <summary>
/// Time-domain heart-rate variability over one window (5 minutes by default, Task Force 1996),
/// computed on normal-to-normal (NN) intervals.
/// </summary>
/// <param name="StartSample">First sample of the window.</param>
/// <param name="EndSample">Sample just past the window.</param>
/// <param name="Intervals">NN intervals used.</param>
/// <param name="MeanNnMs">Mean NN interval, ms.</param>
/// <param name="SdnnMs">Standard deviation of NN intervals, ms (NaN with fewer than 2 intervals).</param>
/// <param name="RmssdMs">Root mean square of successive NN differences, ms (NaN without successive pairs).</param>
/// <param name="Pnn50Percent">Percent of successive NN differences over 50 ms (NaN without successive pairs).</param>
/// <param name="MeanHeartRateBpm">60 000 / mean NN, beats per minute.</param>
public readonly record struct HrvSummary(long StartSample, long EndSample, int Intervals, double MeanNnMs, double SdnnMs, double RmssdMs, double Pnn50Percent, double MeanHeartRateBpm);
