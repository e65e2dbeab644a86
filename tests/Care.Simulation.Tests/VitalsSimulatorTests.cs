using Care.Core.Ids;
using Care.Core.Observations;
using Care.Patch.Runtime;
using Care.Simulation.Vitals;

namespace Care.Simulation.Tests;

public sealed class VitalsSimulatorTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 20, 0, 0, 0, TimeSpan.Zero);

    private static readonly PatchCredentials Credentials = new(Trust.Identity.HybridSigningKey.Generate(), Trust.Identity.HybridKemPrivateKey.Generate().PublicKey);

    private static WearablePatch Day(int seed, Deterioration? illness = null)
    {
        var patch = new WearablePatch(PatchId.Parse("P-1"), WearerId.Parse("W-1"), Credentials);
        var body = new VitalsSimulator(new WearerProfile(70, 15, 97.5, 36.8, 122, 78, 12), illness, seed);
        for (var t = T0; t < T0.AddDays(1); t = t.AddMinutes(1))
        {
            body.Minute(t, patch);
        }
        return patch;
    }

    private static double Median(WearablePatch patch, VitalSign sign, int fromHour, int toHour)
    {
        var values = patch.Outbox.Pending.Where(o => o.Sign == sign && o.Time.Hour >= fromHour && o.Time.Hour < toHour).Select(o => o.Value).Order().ToArray();
        return values[values.Length / 2];
    }

    [Fact]
    public void Same_seed_gives_the_same_day_and_another_seed_another()
    {
        var a = Day(7).Outbox.Pending.ToArray();
        Assert.Equal(a, Day(7).Outbox.Pending.ToArray());
        Assert.NotEqual(a, Day(8).Outbox.Pending.ToArray());
    }

    [Fact]
    public void Heart_rate_and_temperature_follow_the_circadian_rhythm()
    {
        var patch = Day(3);
        Assert.True(Median(patch, VitalSign.HeartRate, 2, 6) < Median(patch, VitalSign.HeartRate, 14, 18) - 5);
        Assert.True(Median(patch, VitalSign.BodyTemperature, 2, 6) < Median(patch, VitalSign.BodyTemperature, 14, 18));
    }

    [Fact]
    public void Readings_come_at_their_rates_with_gaps_and_faults_but_all_plausible()
    {
        var patch = Day(11);
        var counts = patch.Outbox.Pending.GroupBy(o => o.Sign).ToDictionary(g => g.Key, g => g.Count());
        Assert.InRange(counts[VitalSign.HeartRate], 1200, 1440);
        Assert.InRange(counts[VitalSign.BodyTemperature], 120, 144);
        Assert.InRange(counts[VitalSign.SystolicBloodPressure], 40, 48);
        Assert.All(patch.Outbox.Pending, o => Assert.True(ObservationCatalog.Get(o.Sign).IsPlausible(o.Value)));
    }

    [Fact]
    public void An_illness_drives_every_vital_the_way_sepsis_does()
    {
        var illness = new Deterioration(T0.AddHours(2));
        var well = Day(5);
        var ill = Day(5, illness);
        // Hours 8-16 are the plateau (onset + 6 h .. + 14 h).
        Assert.True(Median(ill, VitalSign.HeartRate, 9, 15) > Median(well, VitalSign.HeartRate, 9, 15) + 30);
        Assert.True(Median(ill, VitalSign.RespiratoryRate, 9, 15) >= 24);
        Assert.True(Median(ill, VitalSign.BodyTemperature, 9, 15) >= 38.5);
        Assert.True(Median(ill, VitalSign.OxygenSaturation, 9, 15) <= 92);
        Assert.True(Median(ill, VitalSign.SystolicBloodPressure, 9, 15) < Median(well, VitalSign.SystolicBloodPressure, 9, 15) - 25);
        Assert.Equal(0, illness.Severity(T0));
        Assert.Equal(1, illness.Severity(T0.AddHours(10)));
    }
}
