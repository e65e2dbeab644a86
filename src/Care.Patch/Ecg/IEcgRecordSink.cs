using Care.Core.Events;
using Care.Core.Strips;

namespace Care.Patch.Ecg;

/// <summary>Where <see cref="PatchEcgMonitor"/> puts what it found (the patch's outbox, in <see cref="Runtime.WearablePatch"/>).</summary>
public interface IEcgRecordSink
{
    /// <summary>The heart rate of the minute starting at <paramref name="minute"/>, beats per minute (whole).</summary>
    void OnHeartRate(DateTimeOffset minute, double beatsPerMinute);

    /// <summary>A rhythm event, final.</summary>
    void OnEvent(PatchEvent patchEvent);

    /// <summary>
    /// The ECG strip behind <paramref name="patchEvent"/>, 10 s either side of its
    /// <paramref name="anchor"/> ("onset" or "offset" of AF, "start" of a ventricular run or pause).
    /// Called after the event itself. Sinks that do not keep strips need not implement it.
    /// </summary>
    void OnStrip(PatchEvent patchEvent, string anchor, EcgStrip strip)
    {
    }
}
