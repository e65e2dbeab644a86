using Care.Core.Ids;
using Care.Core.Observations;
using Care.Kiosk.Exchange;
using Care.Patch.Runtime;
using Microsoft.Extensions.Time.Testing;

namespace Care.Kiosk.Tests;

public sealed class KioskExchangeTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 27, 8, 0, 0, TimeSpan.Zero);

    // The exchange seals at the end of the recorded day, on a fake clock (never the machine's).
    private static FakeTimeProvider Clock() => new(T0.AddDays(1));

    private static async Task<WearablePatch> PatchWithAsync(KioskExchange exchange, int readings)
    {
        var patch = await exchange.IssuePatchAsync(PatchId.Parse("P-1"), WearerId.Parse("W-1"), TestContext.Current.CancellationToken);
        for (int i = 0; i < readings; i++)
        {
            patch.Record(VitalSign.HeartRate, T0.AddMinutes(i), 70);
        }
        return patch;
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Failed_uploads_are_retried_with_the_same_sealed_bundle_and_stored_once(bool failAfterStoring)
    {
        var hermes = new InMemoryHermes(2, failAfterStoring);
        var steps = new List<ExchangeStep>();
        var exchange = new KioskExchange(hermes, Clock(), (_, step) => steps.Add(step));
        var report = await exchange.RunAsync(await PatchWithAsync(exchange, 10), TestContext.Current.CancellationToken);
        Assert.Equal(3, report.Attempts);
        Assert.Equal(failAfterStoring, report.AlreadyStored);
        Assert.Equal(10, Assert.Single(hermes.Stored).Value);
        Assert.Equal([ExchangeStep.Identified, ExchangeStep.Sealed, ExchangeStep.Acknowledged, ExchangeStep.Released], steps);
    }

    [Fact]
    public async Task When_hermes_stays_unreachable_the_data_stays_on_the_patch()
    {
        var hermes = new InMemoryHermes(3, false);
        var exchange = new KioskExchange(hermes, Clock());
        var patch = await PatchWithAsync(exchange, 5);
        await Assert.ThrowsAsync<UplinkUnavailableException>(() => exchange.RunAsync(patch, TestContext.Current.CancellationToken));
        Assert.Equal(5, patch.Outbox.Count);
        Assert.Empty(hermes.Stored);
        // The next visit uploads the very same bundle, and Hermes is reachable again.
        await exchange.RunAsync(patch, TestContext.Current.CancellationToken);
        Assert.Equal(0, patch.Outbox.Count);
        Assert.Single(hermes.Stored);
    }

    [Fact]
    public async Task A_patch_that_hermes_does_not_know_is_refused()
    {
        var hermes = new InMemoryHermes();
        var stranger = new WearablePatch(PatchId.Parse("P-9"), WearerId.Parse("W-9"),
            new PatchCredentials(Trust.Identity.HybridSigningKey.Generate(), hermes.RecipientKey));
        stranger.Record(VitalSign.HeartRate, T0, 70);
        var e = await Assert.ThrowsAsync<Trust.Bundles.BundleRejectedException>(() =>
            new KioskExchange(hermes, Clock()).RunAsync(stranger, TestContext.Current.CancellationToken));
        Assert.Equal(Trust.Bundles.BundleRejection.UnknownDevice, e.Reason);
        Assert.Equal(1, stranger.Outbox.Count);
    }
}
