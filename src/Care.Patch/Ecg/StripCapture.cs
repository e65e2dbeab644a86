using Care.Core.Strips;

namespace Care.Patch.Ecg;

/// <summary>
/// A strip being captured around one anchor sample by <see cref="EcgStripRecorder"/>: complete once
/// the recording has reached <see cref="EcgStripRecorder.Margin"/> past the anchor (or has ended).
/// </summary>
public sealed class StripCapture
{
    internal StripCapture(long anchorSample, Action<EcgStrip>? then)
    {
        AnchorSample = anchorSample;
        Then = then;
    }

    /// <summary>The sample the strip is centred on.</summary>
    public long AnchorSample { get; }

    /// <summary>The strip, once complete; null before.</summary>
    public EcgStrip? Strip { get; internal set; }

    internal Action<EcgStrip>? Then { get; }
}
