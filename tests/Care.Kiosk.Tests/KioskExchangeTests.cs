using Care.Core.Bundles;
using Care.Core.Ids;
using Care.Core.Observations;
using Care.Kiosk.Exchange;
using Care.Patch.Runtime;

namespace Care.Kiosk.Tests;

public sealed class KioskExchangeTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 27, 8, 0, 0, TimeSpan.Zero);

    private static WearablePatch PatchWith(int readings)
    {
        var patch = new WearablePatch(PatchId.Parse("P-1"), WearerId.Parse("W-1"));
        for (int i = 0; i < readings; i++)
        {
            patch.Record(VitalSign.HeartRate, T0.AddMinutes(i), 70);
        }
        return patch;
    }

    /// <summary>Stores bundles by id like Hermes does; fails the first <paramref name="failures"/> calls, optionally after storing.</summary>
    private sealed class FlakyHermes(int failures, bool failAfterStoring) : IHermesUplink
    {
        public Dictionary<Guid, int> Stored { get; } = [];

        public int Calls { get; private set; }

        public Task<UploadReceipt> UploadAsync(ReadOnlyMemory<byte> bundle, CancellationToken cancellationToken = default)
        {
            Calls++;
            var read = BundleReader.Read(bundle.Span, T0.AddDays(1));
            if (Calls <= failures && !failAfterStoring)
            {
                throw new UplinkUnavailableException("connection refused");
            }
            bool again = Stored.ContainsKey(read.BundleId);
            Stored[read.BundleId] = read.Observations.Count;
            if (Calls <= failures)
            {
                throw new UplinkUnavailableException("timed out waiting for the acknowledgement");
            }
            return Task.FromResult(new UploadReceipt(read.BundleId, again, read.Observations.Count));
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Failed_uploads_are_retried_with_the_same_bundle_and_stored_once(bool failAfterStoring)
    {
        var hermes = new FlakyHermes(2, failAfterStoring);
        var steps = new List<ExchangeStep>();
        var exchange = new KioskExchange(hermes, TimeProvider.System, (_, step) => steps.Add(step));
        var report = await exchange.RunAsync(PatchWith(10), TestContext.Current.CancellationToken);
        Assert.Equal(3, report.Attempts);
        Assert.Equal(failAfterStoring, report.AlreadyStored);
        Assert.Equal(10, Assert.Single(hermes.Stored).Value);
        Assert.Equal([ExchangeStep.Identified, ExchangeStep.Sealed, ExchangeStep.Acknowledged, ExchangeStep.Released], steps);
    }

    [Fact]
    public async Task When_hermes_stays_unreachable_the_data_stays_on_the_patch()
    {
        var patch = PatchWith(5);
        var exchange = new KioskExchange(new FlakyHermes(10, false), TimeProvider.System);
        await Assert.ThrowsAsync<UplinkUnavailableException>(() => exchange.RunAsync(patch, TestContext.Current.CancellationToken));
        Assert.Equal(5, patch.Outbox.Count);
        // The next visit uploads the very same bundle.
        var hermes = new FlakyHermes(0, false);
        await new KioskExchange(hermes, TimeProvider.System).RunAsync(patch, TestContext.Current.CancellationToken);
        Assert.Equal(0, patch.Outbox.Count);
        Assert.Single(hermes.Stored);
    }
}
