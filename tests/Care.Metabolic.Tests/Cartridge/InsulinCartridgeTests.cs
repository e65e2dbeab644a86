using Care.Metabolic.Cartridge;
using Care.Metabolic.Simulation;

namespace Care.Metabolic.Tests.Cartridge;

public sealed class InsulinCartridgeTests
{
    private static readonly DateTimeOffset Start = new(2026, 3, 1, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Deliveries_reduce_the_reservoir_and_are_logged_with_their_time()
    {
        var clock = new SimulationClock(Start);
        var cartridge = new InsulinCartridge(100, 10, clock);
        cartridge.Deliver(2.5, 2.5);
        clock.Advance(TimeSpan.FromMinutes(5));
        cartridge.Deliver(0.1, 0.1);
        Assert.Equal(97.4, cartridge.ReservoirUnits, 9);
        Assert.Equal(2, cartridge.DeliveryLog.Count);
        Assert.Equal(Start + TimeSpan.FromMinutes(5), cartridge.DeliveryLog[1].Time);
        Assert.Equal(97.4, cartridge.DeliveryLog[1].ReservoirAfterUnits, 9);
        Assert.Empty(cartridge.Alerts);
    }

    [Fact]
    public void Low_reservoir_is_raised_once_and_empty_when_a_dose_cannot_be_met()
    {
        var clock = new SimulationClock(Start);
        var cartridge = new InsulinCartridge(12, 10, clock);
        cartridge.Deliver(3, 3);
        cartridge.Deliver(3, 3);
        cartridge.Deliver(3, 3);
        var last = cartridge.Deliver(5, 5);
        Assert.Equal(3, last.DeliveredUnits, 9);
        Assert.Equal(0, cartridge.ReservoirUnits, 9);
        Assert.Equal([CartridgeAlertKind.LowReservoir, CartridgeAlertKind.Empty], cartridge.Alerts.Select(a => a.Kind));
        Assert.False(cartridge.Occluded);
    }

    [Fact]
    public void Sustained_shortfall_raises_an_occlusion_but_a_single_short_delivery_does_not()
    {
        var clock = new SimulationClock(Start);
        var cartridge = new InsulinCartridge(200, 10, clock);
        cartridge.Deliver(0.2, 0.0);
        Assert.False(cartridge.Occluded);
        for (var i = 0; i < 4; i++)
        {
            clock.Advance(TimeSpan.FromMinutes(5));
            cartridge.Deliver(0.2, 0.01);
        }
        Assert.True(cartridge.Occluded);
        Assert.Single(cartridge.Alerts, a => a.Kind == CartridgeAlertKind.Occlusion);
        clock.Advance(TimeSpan.FromMinutes(5));
        cartridge.Deliver(0.2, 0.2);
        for (var i = 0; i < 8; i++)
        {
            clock.Advance(TimeSpan.FromMinutes(5));
            cartridge.Deliver(0.2, 0.2);
        }
        Assert.False(cartridge.Occluded);
    }

    [Fact]
    public void Nan_or_negative_amounts_are_rejected_and_leave_the_reservoir_unchanged()
    {
        var cartridge = new InsulinCartridge(50, 5, new SimulationClock(Start));
        Assert.Throws<ArgumentOutOfRangeException>(() => cartridge.Deliver(double.NaN, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => cartridge.Deliver(1, -1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new InsulinCartridge(-1, 5, new SimulationClock(Start)));
        Assert.Equal(50, cartridge.ReservoirUnits);
        Assert.Empty(cartridge.DeliveryLog);
    }

    [Fact]
    public void Measured_delivery_never_exceeds_the_command()
    {
        var cartridge = new InsulinCartridge(50, 5, new SimulationClock(Start));
        var entry = cartridge.Deliver(1, 3);
        Assert.Equal(1, entry.DeliveredUnits);
        Assert.Equal(49, cartridge.ReservoirUnits, 9);
    }
}
