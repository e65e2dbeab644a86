using Care.Core.Events;

namespace Care.Simulation.Ecg;

/// <summary>An arrhythmia the synthetic ECG drew (ground truth), in samples from the stream's start.</summary>
/// <param name="Kind">What it was.</param>
/// <param name="StartSample">The first beat of the episode (for a pause: the beat before it).</param>
/// <param name="EndSample">The last beat of the episode (for a pause: the beat ending it).</param>
/// <param name="Beats">Beats in the episode (for a pause: 0).</param>
public readonly record struct SyntheticEcgEpisode(PatchEventKind Kind, long StartSample, long EndSample, int Beats);
