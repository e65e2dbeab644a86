namespace Care.Kiosk.Tests.Durable;

public sealed class DurableExchangeCrashTests
{
    private const int Seed = 20261205;

    [Fact]
    public async Task Given_a_kiosk_killed_at_every_point_of_three_exchanges_When_it_restarts_from_its_store_Then_nothing_is_lost_or_done_twice()
    {
        string dir = CrashHarness.Folder();
        long points = await CrashHarness.CountPointsAsync(Seed, dir);
        Assert.True(points > 60, $"only {points} crash points in three exchanges");
        TestContext.Current.SendDiagnosticMessage($"{points} points");
        var failures = new List<string>();
        for (long k = 1; k <= points; k++)
        {
            var run = await CrashHarness.RunAsync(Seed, k, outageRate: 0, assayFaultRate: 0, points, dir);
            Assert.Equal(1, run.Crashes);
            failures.AddRange(run.Violations.Select(v => $"crash at point {k}: {v}"));
            Assert.Equal(CrashHarness.Wearers, run.Completed);
        }
        Assert.Empty(failures);
    }

    [Fact]
    public async Task Given_seeded_random_kills_Hermes_outages_and_assay_faults_When_the_kiosk_restarts_Then_every_invariant_holds()
    {
        string dir = CrashHarness.Folder();
        long points = await CrashHarness.CountPointsAsync(Seed, dir);
        var failures = new List<string>();
        int crashes = 0, abandoned = 0;
        for (int run = 0; run < 200; run++)
        {
            var result = await CrashHarness.RunAsync(Seed + run, null, outageRate: 0.3, assayFaultRate: 0.1, points, dir);
            crashes += result.Crashes;
            abandoned += result.Abandoned;
            failures.AddRange(result.Violations.Select(v => $"seed {Seed + run}: {v}"));
        }
        Assert.Empty(failures);
        Assert.True(crashes >= 200, $"only {crashes} crashes in 200 runs");
        Assert.True(abandoned > 0, "no run exercised an abandoned exchange");
    }
}
