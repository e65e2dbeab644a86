using Care.Core.Events;

namespace Care.Patch.Ecg;

/// <summary>Where <see cref="PatchEcgMonitor"/> puts what it found (the patch's outbox, in <see cref="Runtime.WearablePatch"/>).</summary>
public interface IEcgRecordSink
{
    /// <summary>The heart rate of the minute starting at <paramref name="minute"/>, beats per minute (whole).</summary>
    void OnHeartRate(DateTimeOffset minute, double beatsPerMinute);

    /// <summary>A rhythm event, final.</summary>
    void OnEvent(PatchEvent patchEvent);
}
