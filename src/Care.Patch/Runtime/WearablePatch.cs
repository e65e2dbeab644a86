using Care.Core.Bundles;
using Care.Core.Doses;
using Care.Core.Events;
using Care.Core.Ids;
using Care.Core.Observations;
using Care.Patch.Ecg;
using Care.Patch.Outbox;
using Care.Trust.Bundles;

namespace Care.Patch.Runtime;

/// <summary>
/// One patch on one wearer: takes sensor readings, discards impossible ones as sensor faults,
/// keeps the rest in its outbox, and seals them into a bundle at an exchange: signed with the
/// patch's hybrid identity, encrypted for Hermes, numbered so replays are refused. The outbox
/// is emptied only for a bundle Hermes acknowledged; until then the very same sealed bytes are
/// offered again, so a retried upload is never stored twice. Not thread safe.
/// </summary>
public sealed class WearablePatch(PatchId id, WearerId wearer, PatchCredentials credentials)
{
    private readonly PatchOutbox _outbox = new();
    private SealedUpload? _sealed;
    private long _sequence;

    /// <summary>This patch.</summary>
    public PatchId Id { get; } = id;

    /// <summary>Whose body it is on.</summary>
    public WearerId Wearer { get; } = wearer;

    /// <summary>Readings accepted into the outbox since the patch started.</summary>
    public long Recorded { get; private set; }

    /// <summary>Readings discarded as sensor faults (NaN, outside physiological limits).</summary>
    public long Faults { get; private set; }

    /// <summary>Insulin doses accepted into the outbox since the patch started.</summary>
    public long DosesRecorded { get; private set; }

    /// <summary>Rhythm events accepted into the outbox since the patch started.</summary>
    public long EventsRecorded { get; private set; }

    /// <summary>Proximity tracing on this patch (rolling identifiers, encounters, keys), or null on a patch built without it.</summary>
    public Encounters.PatchProximity? Proximity { get; init; }

    /// <summary>The outbox.</summary>
    public PatchOutbox Outbox => _outbox;

    /// <summary>Takes one sensor reading. Returns false (and counts a fault) when it cannot be a measurement.</summary>
    public bool Record(VitalSign sign, DateTimeOffset time, double value)
    {
        if (!ObservationCatalog.Get(sign).IsPlausible(value))
        {
            Faults++;
            return false;
        }
        _outbox.Append(new Observation(sign, time, value));
        Recorded++;
        return true;
    }

    /// <summary>Records a dose the patch delivered; it rides in the next bundle with the observations.</summary>
    /// <exception cref="ArgumentException">It is not after the last recorded dose, or outside the bundle format's limits.</exception>
    public void RecordDose(DoseDelivery dose)
    {
        _outbox.AppendDose(dose);
        DosesRecorded++;
    }

    /// <summary>Records a rhythm event; it rides in the next bundle with the observations.</summary>
    /// <exception cref="ArgumentException">It is outside the bundle format's limits or repeats a waiting event's kind and start.</exception>
    public void RecordEvent(PatchEvent patchEvent)
    {
        _outbox.AppendEvent(patchEvent);
        EventsRecorded++;
    }

    /// <summary>
    /// An ECG monitor whose heart rates (<see cref="VitalSign.HeartRate"/>, one per minute) and rhythm
    /// events go into this patch's outbox. While a recording runs, the ECG heart rate replaces the
    /// optical one: the caller must not also <see cref="Record"/> a heart rate for those minutes.
    /// </summary>
    public PatchEcgMonitor CreateEcgMonitor(double samplingHz) => new(samplingHz, new OutboxSink(this));

    /// <summary>
    /// The sealed bundle to upload now: everything pending. While an earlier bundle is
    /// unacknowledged, those same bytes are returned again, so retries carry the same id and sequence.
    /// </summary>
    public SealedUpload Seal(DateTimeOffset now)
    {
        if (_sealed is null)
        {
            var bundle = new Bundle(Guid.NewGuid(), Id, Wearer, now, [.. _outbox.Pending]) { Doses = [.. _outbox.PendingDoses], Events = [.. _outbox.PendingEvents] };
            long sequence = ++_sequence;
            byte[] bytes = BundleSealer.Seal(BundleWriter.Write(bundle), Id.Value, sequence, credentials.DeviceKey, credentials.Hermes, now);
            _sealed = new SealedUpload(bundle, sequence, bytes);
        }
        return _sealed;
    }

    /// <summary>Hermes stored the sealed bundle: drop its observations and doses from the outbox.</summary>
    /// <exception cref="InvalidOperationException">No bundle with this id is sealed.</exception>
    public void Acknowledge(Guid bundleId)
    {
        if (_sealed is null || _sealed.Bundle.BundleId != bundleId)
        {
            throw new InvalidOperationException($"bundle {bundleId} is not the one this patch sealed");
        }
        _outbox.RemoveFirst(_sealed.Bundle.Observations.Count);
        _outbox.RemoveFirstDoses(_sealed.Bundle.Doses.Count);
        _outbox.RemoveEvents(_sealed.Bundle.Events);
        _sealed = null;
    }

    private sealed class OutboxSink(WearablePatch patch) : IEcgRecordSink
    {
        public void OnHeartRate(DateTimeOffset minute, double beatsPerMinute) => patch.Record(VitalSign.HeartRate, minute, beatsPerMinute);

        public void OnEvent(PatchEvent patchEvent) => patch.RecordEvent(patchEvent);
    }
}
