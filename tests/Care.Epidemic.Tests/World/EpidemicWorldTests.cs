using Care.Epidemic.World;

namespace Care.Epidemic.Tests.World;

public sealed class EpidemicWorldTests
{
    [Fact]
    public void Given_a_seed_When_the_population_is_built_Then_households_classes_and_workplaces_are_well_formed()
    {
        var p = new Population(5000, 3, 0.3);
        for (var h = 0; h + 1 < p.HouseholdStart.Length; h++)
        {
            var size = p.HouseholdStart[h + 1] - p.HouseholdStart[h];
            Assert.InRange(size, 1, 5);
            for (var a = p.HouseholdStart[h]; a < p.HouseholdStart[h + 1]; a++)
            {
                Assert.Equal(h, p.Household[a]);
            }
        }
        Assert.All(p.Classes, c => Assert.InRange(c.Length, 1, 25));
        Assert.All(p.Workplaces, w => Assert.InRange(w.Length, 1, 50));
        Assert.All(Enumerable.Range(0, p.Count), a => Assert.False(p.Workplace[a] >= 0 && p.SchoolClass[a] >= 0));
    }

    [Fact]
    public void Same_seed_gives_the_same_epidemic_and_another_seed_another()
    {
        static int Run(int seed)
        {
            var w = new EpidemicWorld(new EpidemicSettings(Agents: 3000, Days: 30, Seed: seed, InitialInfections: 10));
            var q = new bool[3000];
            for (var d = 0; d < 30; d++)
            {
                w.Step(q);
            }
            return w.EverInfected;
        }
        Assert.Equal(Run(5), Run(5));
        Assert.NotEqual(Run(5), Run(6));
    }

    [Fact]
    public void Without_transmission_only_the_seeded_agents_are_ever_infected()
    {
        var w = new EpidemicWorld(new EpidemicSettings(Agents: 2000, Days: 20, Seed: 2, InitialInfections: 7, TransmissionPerHour: 0));
        var q = new bool[2000];
        for (var d = 0; d < 20; d++)
        {
            w.Step(q);
        }
        Assert.Equal(7, w.EverInfected);
    }

    [Fact]
    public void Quarantined_agents_meet_only_their_household()
    {
        var w = new EpidemicWorld(new EpidemicSettings(Agents: 2000, Seed: 4));
        var q = new bool[2000];
        for (var a = 0; a < 2000; a += 3)
        {
            q[a] = true;
        }
        var contacts = w.Step(q);
        Assert.NotEmpty(contacts);
        Assert.All(contacts.Where(c => q[c.A] || q[c.B]), c => Assert.Equal(ContactSetting.Household, c.Setting));
    }

    [Fact]
    public void Attenuation_grows_with_distance_on_average_and_is_never_negative()
    {
        var channel = new BluetoothChannel(10, 1);
        var random = new Random(9);
        double Mean(double d) => Enumerable.Range(0, 4000).Average(_ => channel.Attenuation(d, ContactSetting.Household, 1, 2, 2, random));
        double near = Mean(1), far = Mean(4);
        Assert.InRange(far - near, 9, 15); // 20·log10(4) ≈ 12 dB with n = 2
        Assert.All(Enumerable.Range(0, 1000), _ => Assert.True(channel.Attenuation(0.1, ContactSetting.Transit, 3, 4, 1, random) >= 0));
    }

    [Fact]
    public void Infectiousness_is_zero_outside_two_days_before_to_seven_after_onset_and_peaks_at_onset()
    {
        Assert.Equal(0, Infection.Infectiousness(-3));
        Assert.Equal(0, Infection.Infectiousness(8));
        Assert.Equal(1, Infection.Infectiousness(0));
        Assert.True(Infection.Infectiousness(-2) > 0 && Infection.Infectiousness(7) > 0);
    }

    [Fact]
    public void Settings_out_of_range_are_refused_with_their_name()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new EpidemicSettings(Agents: 10).Validate());
        Assert.Equal("Agents", e.ParamName);
        e = Assert.Throws<ArgumentOutOfRangeException>(() => new EpidemicSettings(TestedFraction: double.NaN).Validate());
        Assert.Equal("TestedFraction", e.ParamName);
    }
}
