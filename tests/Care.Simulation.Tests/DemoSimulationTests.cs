using Care.Kiosk.Tests;
using Care.Simulation.Demo;

namespace Care.Simulation.Tests;

public sealed class DemoSimulationTests
{
    private static DemoSettings Settings(int seed) =>
        new(8, 2, seed, new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero), "t");

    [Fact]
    public void Wearer_seeds_are_stable_across_processes()
    {
        // Fixed values: a change here changes every demo's physiology.
        Assert.Equal(DemoSimulation.WearerSeed(1, 0), DemoSimulation.WearerSeed(1, 0));
        Assert.NotEqual(DemoSimulation.WearerSeed(1, 0), DemoSimulation.WearerSeed(1, 1));
        Assert.NotEqual(DemoSimulation.WearerSeed(1, 0), DemoSimulation.WearerSeed(2, 0));
        Assert.Equal(-1_551_761_096, DemoSimulation.WearerSeed(1, 0));
    }

    [Fact]
    public async Task Same_seed_gives_the_same_world_and_every_reading_reaches_hermes()
    {
        var first = new InMemoryHermes();
        var a = await DemoSimulation.RunAsync(Settings(4), first, cancellationToken: TestContext.Current.CancellationToken);
        var b = await DemoSimulation.RunAsync(Settings(4), new InMemoryHermes(), cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(a.ObservationsGenerated, b.ObservationsGenerated);
        Assert.Equal(a.Illnesses, b.Illnesses);
        Assert.Equal(a.ObservationsGenerated, first.Observations);
        Assert.Equal(8 * 3, a.Exchanges);
    }
}
