using Care.Core.Doses;
using Care.Core.Ids;
using Care.Core.Observations;
using Care.Patch.Outbox;
using Care.Patch.Runtime;
using Care.Trust.Identity;

namespace Care.Patch.Tests;

public sealed class WearablePatchTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 27, 8, 0, 0, TimeSpan.Zero);

    private static readonly PatchCredentials Credentials = new(HybridSigningKey.Generate(), HybridKemPrivateKey.Generate().PublicKey);

    private static WearablePatch NewPatch() => new(PatchId.Parse("P-1"), WearerId.Parse("W-1"), Credentials);

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(-5)]
    [InlineData(400)]
    public void Impossible_readings_are_counted_as_faults_and_kept_out_of_the_outbox(double value)
    {
        var patch = NewPatch();
        Assert.False(patch.Record(VitalSign.HeartRate, T0, value));
        Assert.Equal(1, patch.Faults);
        Assert.Equal(0, patch.Outbox.Count);
    }

    [Fact]
    public void Sealed_bundle_is_offered_again_until_acknowledged_then_released()
    {
        var patch = NewPatch();
        patch.Record(VitalSign.HeartRate, T0, 70);
        var first = patch.Seal(T0.AddMinutes(1));
        patch.Record(VitalSign.HeartRate, T0.AddMinutes(2), 71);
        var retry = patch.Seal(T0.AddMinutes(3));
        Assert.Same(first, retry);
        Assert.Single(first.Bundle.Observations);
        Assert.Equal(1, first.Sequence);
        patch.Acknowledge(first.Bundle.BundleId);
        Assert.Equal(1, patch.Outbox.Count); // the reading taken after sealing stays for the next exchange
        var next = patch.Seal(T0.AddMinutes(4));
        Assert.NotEqual(first.Bundle.BundleId, next.Bundle.BundleId);
        Assert.Equal(2, next.Sequence);
        Assert.Equal(T0.AddMinutes(2), Assert.Single(next.Bundle.Observations).Time);
    }

    [Fact]
    public void Acknowledging_an_unknown_bundle_is_refused_and_keeps_the_data()
    {
        var patch = NewPatch();
        patch.Record(VitalSign.HeartRate, T0, 70);
        patch.Seal(T0);
        Assert.Throws<InvalidOperationException>(() => patch.Acknowledge(Guid.NewGuid()));
        Assert.Equal(1, patch.Outbox.Count);
    }

    [Fact]
    public void Outbox_refuses_out_of_order_and_duplicated_readings()
    {
        var outbox = new PatchOutbox();
        outbox.Append(new Observation(VitalSign.HeartRate, T0.AddMinutes(1), 70));
        Assert.Throws<ArgumentException>(() => outbox.Append(new Observation(VitalSign.HeartRate, T0, 70)));
        Assert.Throws<ArgumentException>(() => outbox.Append(new Observation(VitalSign.HeartRate, T0.AddMinutes(1), 71)));
        outbox.Append(new Observation(VitalSign.OxygenSaturation, T0.AddMinutes(1), 97));
        Assert.Equal(2, outbox.Count);
    }

    [Fact]
    public void Outbox_keeps_fourteen_days_and_counts_what_expired()
    {
        var outbox = new PatchOutbox();
        for (int h = 0; h <= 16 * 24; h++)
        {
            outbox.Append(new Observation(VitalSign.HeartRate, T0.AddHours(h), 70));
        }
        Assert.Equal(14 * 24 + 1, outbox.Count);
        Assert.Equal(2 * 24, outbox.Expired);
        Assert.Equal(T0.AddDays(2), outbox.Pending[0].Time);
    }

    [Fact]
    public void Outbox_refuses_doses_out_of_order_sharing_a_time_or_beyond_the_format_limits()
    {
        var outbox = new PatchOutbox();
        var dose = new DoseDelivery(T0, 1, TimeSpan.FromMinutes(5), 0, DoseDeliveryReason.ControllerDecision);
        outbox.AppendDose(dose);
        Assert.Throws<ArgumentException>(() => outbox.AppendDose(dose));
        Assert.Throws<ArgumentException>(() => outbox.AppendDose(dose with { Time = T0.AddMinutes(-5) }));
        Assert.Throws<ArgumentException>(() => outbox.AppendDose(dose with { Time = T0.AddMinutes(5), BolusUnits = 30 }));
        Assert.Throws<ArgumentException>(() => outbox.AppendDose(dose with { Time = T0.AddMinutes(5), BasalUnitsPerHour = double.NaN }));
        Assert.Single(outbox.PendingDoses);
    }

    [Fact]
    public void Outbox_keeps_fourteen_days_of_doses_and_counts_what_expired()
    {
        var outbox = new PatchOutbox();
        for (int h = 0; h <= 15 * 24; h++)
        {
            outbox.AppendDose(new DoseDelivery(T0.AddHours(h), 1, TimeSpan.FromMinutes(5), 0, DoseDeliveryReason.ControllerDecision));
        }
        Assert.Equal(14 * 24 + 1, outbox.PendingDoses.Count);
        Assert.Equal(24, outbox.ExpiredDoses);
    }
}
