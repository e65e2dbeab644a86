using Care.Core.Events;
using Care.Core.Ids;
using Care.Patch.Outbox;
using Care.Patch.Runtime;
using Care.Trust.Identity;

namespace Care.Patch.Tests;

public sealed class PatchEventOutboxTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 27, 8, 0, 0, TimeSpan.Zero);

    private static PatchEvent Pause(double minutes) => new(PatchEventKind.Pause, T0.AddMinutes(minutes), T0.AddMinutes(minutes).AddSeconds(3), 3, null);

    [Fact]
    public void Af_episode_closed_late_is_placed_in_start_order()
    {
        var outbox = new PatchOutbox();
        outbox.AppendEvent(Pause(5));
        outbox.AppendEvent(new PatchEvent(PatchEventKind.AtrialFibrillation, T0.AddMinutes(1), T0.AddMinutes(9), null, null));
        Assert.Equal([T0.AddMinutes(1), T0.AddMinutes(5)], outbox.PendingEvents.Select(e => e.Start));
    }

    [Fact]
    public void Event_repeating_a_kind_and_start_or_outside_the_limits_is_refused()
    {
        var outbox = new PatchOutbox();
        outbox.AppendEvent(Pause(5));
        Assert.Throws<ArgumentException>(() => outbox.AppendEvent(Pause(5)));
        Assert.Throws<ArgumentException>(() => outbox.AppendEvent(new PatchEvent(PatchEventKind.Pause, T0, T0.AddSeconds(-1), null, null)));
        Assert.Throws<ArgumentException>(() => outbox.AppendEvent(new PatchEvent(PatchEventKind.Pause, T0, null, double.NaN, null)));
        Assert.Single(outbox.PendingEvents);
    }

    [Fact]
    public void Events_ride_in_the_sealed_bundle_and_only_those_are_released_on_acknowledgement()
    {
        var patch = new WearablePatch(PatchId.Parse("P-1"), WearerId.Parse("W-1"), new PatchCredentials(HybridSigningKey.Generate(), HybridKemPrivateKey.Generate().PublicKey));
        patch.RecordEvent(Pause(5));
        var upload = patch.Seal(T0.AddMinutes(30));
        // Closed after sealing but starting earlier: it must survive the acknowledgement.
        var af = new PatchEvent(PatchEventKind.AtrialFibrillation, T0.AddMinutes(1), T0.AddMinutes(40), null, null);
        patch.RecordEvent(af);
        Assert.Equal([Pause(5)], upload.Bundle.Events);
        patch.Acknowledge(upload.Bundle.BundleId);
        Assert.Equal([af], patch.Outbox.PendingEvents);
        Assert.Equal(2, patch.EventsRecorded);
    }
}
