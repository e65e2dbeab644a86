using Care.Core.Ids;
using Care.Hermes.Population;
using Care.Hermes.Tests;

namespace Care.Hermes.Storage.Tests;

/// <summary>
/// The population view's storage contract (issue 13, item 8) every backend keeps: counts replaced by a rerun,
/// one signal per region, day and measure with its ledger act, regions from the enrolling kiosk, all across a restart.
/// </summary>
public abstract class PopulationStoreContract : BackendContract
{
    private static readonly DateOnly Day = new(2026, 11, 30);

    private IPopulationStore Population => (IPopulationStore)Store;

    private static RegionalDayCounts Counts(string region, DateOnly day, long fever) => new(region, day, 120, fever, 3, 1, 0);

    [Fact]
    public async Task Given_a_day_counted_twice_When_read_Then_the_second_run_replaced_the_first_and_regions_filter()
    {
        await Population.SaveDailyCountsAsync([Counts("kiosk-a", Day, 5), Counts("kiosk-b", Day, 7), Counts("kiosk-a", Day.AddDays(1), 9)], Cancel);
        await Population.SaveDailyCountsAsync([Counts("kiosk-a", Day, 11)], Cancel);
        var all = await Population.GetDailyCountsAsync(Day, Day.AddDays(1), null, Cancel);
        Assert.Equal(["kiosk-a", "kiosk-b", "kiosk-a"], all.Select(c => c.Region));
        Assert.Equal(11, all[0].Fever);
        var one = await Population.GetDailyCountsAsync(Day, Day, "kiosk-b", Cancel);
        Assert.Equal(7, Assert.Single(one).Fever);
        Assert.Empty(await Population.GetDailyCountsAsync(Day.AddDays(2), Day.AddDays(9), null, Cancel));
    }

    [Fact]
    public async Task Given_a_signal_When_raised_twice_and_after_a_restart_Then_it_is_stored_and_ledgered_once()
    {
        var signal = new OutbreakSignal(0, "kiosk-a", Day, PopulationMeasure.Fever, 31, 9.5, 4.25, "hermes-daily>3", Vitals.Now);
        long ledger = await Store.LedgerSizeAsync(Cancel);
        var first = await Population.RaiseSignalAsync(signal, Cancel);
        Assert.True(first.Id > 0);
        Assert.Equal(ledger + 1, await Store.LedgerSizeAsync(Cancel));
        var again = await Population.RaiseSignalAsync(signal with { Score = 9 }, Cancel);
        Assert.Equal(first, again);
        await RestartAsync();
        Assert.Equal(first, await Population.RaiseSignalAsync(signal, Cancel));
        Assert.Equal(ledger + 1, await Store.LedgerSizeAsync(Cancel));
        var other = await Population.RaiseSignalAsync(signal with { Measure = PopulationMeasure.NewAfEpisodes }, Cancel);
        Assert.NotEqual(first.Id, other.Id);
        Assert.Equal(ledger + 2, await Store.LedgerSizeAsync(Cancel));
        Assert.Equal([other.Id, first.Id], (await Population.GetSignalsAsync(Day, 10, Cancel)).Select(s => s.Id));
        Assert.Empty(await Population.GetSignalsAsync(Day.AddDays(1), 10, Cancel));
    }

    [Fact]
    public async Task A_signal_that_cannot_be_ledgered_is_refused_and_nothing_is_stored()
    {
        long ledger = await Store.LedgerSizeAsync(Cancel);
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => Population.RaiseSignalAsync(
            new OutbreakSignal(0, "kiosk-a", Day, PopulationMeasure.Fever, 31, double.NaN, 4, "hermes-daily>3", Vitals.Now), Cancel));
        Assert.Empty(await Population.GetSignalsAsync(null, 10, Cancel));
        Assert.Equal(ledger, await Store.LedgerSizeAsync(Cancel));
    }

    [Fact]
    public async Task Wearers_are_counted_in_the_region_of_the_kiosk_that_enrolled_their_newest_active_patch()
    {
        var devices = new TestDevices(Store, Hermes.Recipient.PublicKey);
        await devices.RegisterAsync("P-1", WearerId.Parse("W-1"));
        await devices.RegisterAsync("P-2", WearerId.Parse("W-2"));
        await Store.EndDeviceAsync("P-2", DeviceEnd.Retired, "test", Vitals.Now, Cancel);
        var regions = await Population.WearerRegionsAsync(Cancel);
        var only = Assert.Single(regions);
        Assert.Equal(WearerId.Parse("W-1"), only.Wearer);
        Assert.Equal("test-kiosk", only.Region);
    }

    [Fact]
    public async Task Daily_surveillance_raises_one_signal_for_a_spike_after_a_calm_month_and_none_before()
    {
        var notifications = new SpikeCounts();
        var surveillance = new PopulationSurveillance(new PopulationCounter(Store, Population, notifications), Population, Time);
        var start = Day.AddDays(-40);
        var rng = new Random(13);
        for (var d = start; d < Day; d = d.AddDays(1))
        {
            notifications.Today = 20 + rng.Next(-4, 5);
            Assert.Empty(await surveillance.RunDayAsync(d, Cancel));
        }
        notifications.Today = 80;
        var signal = Assert.Single(await surveillance.RunDayAsync(Day, Cancel));
        Assert.Equal(("kiosk-z", PopulationMeasure.ExposureNotifications, 80L), (signal.Region, signal.Measure, signal.Observed));
        long ledger = await Store.LedgerSizeAsync(Cancel);
        Assert.Equal(signal, Assert.Single(await surveillance.RunDayAsync(Day, Cancel)));
        Assert.Equal(ledger, await Store.LedgerSizeAsync(Cancel));
    }

    private sealed class SpikeCounts : IPopulationCounts
    {
        public long Today { get; set; }

        public Task<IReadOnlyDictionary<string, long>> ExposureNotificationsAsync(DateOnly day, CancellationToken cancellationToken = default) =>
            Task.FromResult<IReadOnlyDictionary<string, long>>(new Dictionary<string, long> { ["kiosk-z"] = Today });
    }
}
