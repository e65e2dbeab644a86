using System.Text.Json;
using Care.Clinical.Sepsis;
using Care.Hermes.Risk;

namespace Care.Hermes.Tests.Risk;

/// <summary>The wearer-side alert policy on model levels, without the model: each hour is (level, probability, measured).</summary>
public sealed class ModelAlertPolicyTests
{
    private const SepsisRiskLevel L = SepsisRiskLevel.Low;
    private const SepsisRiskLevel E = SepsisRiskLevel.Elevated;
    private const SepsisRiskLevel H = SepsisRiskLevel.High;
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Feeds every hour; returns the index of each alerting hour and its rule text.</summary>
    private static List<(int Hour, string Rule)> Run(ModelAlertPolicy policy, params (SepsisRiskLevel Level, double Percent, bool Measured)[] hours)
    {
        var alerts = new List<(int, string)>();
        for (int i = 0; i < hours.Length; i++)
        {
            if (policy.Next(hours[i].Level, hours[i].Percent / 100, hours[i].Measured) is string rule)
            {
                alerts.Add((i, rule));
            }
        }
        return alerts;
    }

    private static (SepsisRiskLevel, double, bool) At(SepsisRiskLevel level, double percent, bool measured = true) => (level, percent, measured);

    [Fact]
    public void A_single_rising_elevated_hour_does_not_alert()
    {
        Assert.Empty(Run(new ModelAlertPolicy(null), At(L, 0.8), At(E, 2.5), At(L, 0.9), At(E, 2.6), At(L, 0.8)));
    }

    [Fact]
    public void Two_consecutive_elevated_hours_with_a_rising_risk_alert_once_and_say_what_the_policy_required()
    {
        var alerts = Run(new ModelAlertPolicy(null), At(L, 0.8), At(E, 1.8), At(E, 2.6), At(E, 3.4), At(E, 4.0));
        var (hour, rule) = Assert.Single(alerts);
        Assert.Equal(2, hour);
        Assert.Contains("Elevated or above for 2 consecutive hours", rule, StringComparison.Ordinal);
        Assert.Contains("risk up 0.8 points in the last hour", rule, StringComparison.Ordinal);
    }

    [Fact]
    public void An_elevated_run_that_does_not_climb_stays_silent_until_the_risk_rises()
    {
        // Healthy variation: hovering just above the Elevated threshold for hours.
        var flat = Run(new ModelAlertPolicy(null), At(L, 1.2), At(E, 1.8), At(E, 1.9), At(E, 1.7), At(E, 2.0), At(E, 1.9), At(L, 1.3));
        Assert.Empty(flat);
        var climbing = Run(new ModelAlertPolicy(null), At(E, 1.8), At(E, 1.9), At(E, 1.7), At(E, 2.5));
        Assert.Equal(3, Assert.Single(climbing).Hour);
    }

    [Fact]
    public void High_alerts_at_once_and_escalates_an_open_medium_episode()
    {
        var alone = Assert.Single(Run(new ModelAlertPolicy(null), At(L, 1.0), At(H, 12)));
        Assert.Equal(1, alone.Hour);
        Assert.Contains("alerts at once", alone.Rule, StringComparison.Ordinal);
        var escalated = Run(new ModelAlertPolicy(null), At(E, 1.8), At(E, 2.6), At(E, 3.0), At(H, 9), At(H, 11), At(E, 4));
        Assert.Equal([1, 3], escalated.Select(a => a.Hour));
    }

    [Fact]
    public void An_episode_alerts_each_level_once_and_rearms_only_after_six_calm_hours()
    {
        var hours = new List<(SepsisRiskLevel, double, bool)> { At(E, 1.8), At(E, 2.6) };
        hours.AddRange(Enumerable.Repeat(At(L, 1.0), ModelAlertPolicy.CalmHoursToClose - 1));
        hours.AddRange([At(E, 1.8), At(E, 2.6)]); // a dip shorter than the calm period: same episode
        hours.AddRange(Enumerable.Repeat(At(L, 1.0), ModelAlertPolicy.CalmHoursToClose));
        hours.AddRange([At(E, 1.8), At(E, 2.6)]); // after six calm hours: a new episode
        var alerts = Run(new ModelAlertPolicy(null), [.. hours]);
        Assert.Equal([1, hours.Count - 1], alerts.Select(a => a.Hour));
    }

    [Fact]
    public void An_unmeasured_hour_does_not_alert_but_counts_in_the_run()
    {
        var alerts = Run(new ModelAlertPolicy(null), At(E, 1.8), At(E, 2.6, measured: false), At(E, 3.4));
        Assert.Equal(2, Assert.Single(alerts).Hour);
    }

    [Fact]
    public void A_policy_resumed_from_its_json_state_at_any_hour_decides_exactly_like_one_that_never_stopped()
    {
        (SepsisRiskLevel, double, bool)[] hours =
        [
            At(L, 0.8), At(E, 1.8), At(E, 1.9), At(E, 2.7), At(E, 3.1), At(H, 9), At(L, 1.0), At(L, 1.0),
            At(E, 2.2), At(L, 1.0), At(L, 1.0), At(L, 1.0), At(L, 1.0), At(L, 1.0), At(L, 1.0), At(L, 1.0),
            At(E, 1.6), At(E, 2.4, measured: false), At(E, 3.0), At(H, 14),
        ];
        var whole = Run(new ModelAlertPolicy(null), hours);
        Assert.Equal([3, 5, 18, 19], whole.Select(a => a.Hour));
        for (int split = 0; split <= hours.Length; split++)
        {
            var first = new ModelAlertPolicy(null);
            var alerts = Run(first, hours[..split]);
            var state = JsonSerializer.Deserialize<ModelAlertPolicyState>(JsonSerializer.Serialize(first.Snapshot(), Json), Json);
            alerts.AddRange(Run(new ModelAlertPolicy(state), hours[split..]).Select(a => (a.Hour + split, a.Rule)));
            Assert.Equal(whole, alerts);
        }
    }

    [Fact]
    public void A_state_written_before_the_policy_keeps_its_episode_and_has_its_run_rebuilt_from_stored_hours()
    {
        // The JSON a wearer's row held before the policy existed: an open medium episode, no run or probability.
        const string old = """{"hourStart":"2026-11-20T10:00:00+00:00","hourValues":[[],[],[],[],[],[]],"hours":30,"episodeLevel":1,"calmHours":2}""";
        var state = JsonSerializer.Deserialize<ModelRiskState>(old, Json)!;
        Assert.Equal(new ModelAlertPolicyState(E, 2, 0, null), state.Policy());
        Assert.True(state.LacksPolicyRun);
        // Hermes rebuilds the run and the last probability from the stored hours; the episode stays as stored.
        var rebuilt = state.WithPolicyRunFrom([(H, 0.05), (L, 0.010), (E, 0.020), (H, 0.031)]);
        Assert.Equal(new ModelAlertPolicyState(E, 2, 2, 0.031), rebuilt.Policy());
        Assert.False(rebuilt.LacksPolicyRun);
        Assert.Equal(new ModelAlertPolicyState(E, 2, 0, null), state.WithPolicyRunFrom([]).Policy());
        var policy = new ModelAlertPolicy(state.Policy());
        // The open medium episode still de-duplicates; High still escalates it.
        Assert.Equal([2], Run(policy, At(E, 2.0), At(E, 3.0), At(H, 10)).Select(a => a.Hour));
    }
}
