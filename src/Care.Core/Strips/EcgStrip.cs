namespace Care.Core.Strips;

/// <summary>
/// A stretch of one ECG lead around a rhythm event, as the patch sends it: the samples in µV at the
/// patch's rate and the beats it detected with their classes. Immutable once built.
/// </summary>
/// <param name="SamplingHz">Samples per second (125 to 1000).</param>
/// <param name="FirstSample">Index of the strip's first sample in the patch's recording (0 or more).</param>
/// <param name="Microvolts">The samples, µV (at most <see cref="EcgStripCodec.MaxSamples"/>).</param>
/// <param name="Beats">The beats in the strip, offsets ascending.</param>
public sealed record EcgStrip(int SamplingHz, long FirstSample, IReadOnlyList<int> Microvolts, IReadOnlyList<StripBeat> Beats)
{
    /// <summary>The strip's length.</summary>
    public TimeSpan Duration => TimeSpan.FromSeconds(Microvolts.Count / (double)SamplingHz);

    /// <summary>True when both strips hold the same rate, position, samples and beats.</summary>
    public bool SameAs(EcgStrip other) =>
        other is not null && SamplingHz == other.SamplingHz && FirstSample == other.FirstSample
        && Microvolts.SequenceEqual(other.Microvolts) && Beats.SequenceEqual(other.Beats);
}
