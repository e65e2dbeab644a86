using Care.Core.Ids;
using Care.Simulation.Demo;
using Care.Simulation.Vitals;

namespace Care.Simulation.Tests;

public sealed class IllnessAlertingTests
{
    private static readonly DateTimeOffset Onset = new(2026, 11, 3, 10, 0, 0, TimeSpan.Zero);

    private static readonly (WearerId, DateTimeOffset)[] Illnesses =
    [
        (WearerId.Parse("W-1"), Onset),
        (WearerId.Parse("W-2"), Onset.AddDays(1)),
        (WearerId.Parse("W-3"), Onset),
    ];

    [Fact]
    public void Lead_time_runs_from_the_first_medium_alert_during_the_illness_to_the_event()
    {
        DemoAlert[] alerts =
        [
            new("W-1", Onset.AddHours(-2), true),          // before onset: outside the illness
            new("W-1", Onset.AddHours(1), false),          // low-medium: does not count the illness as alerted
            new("W-1", Onset.AddHours(2), true),           // first medium+: 4 h before the event (onset + 6 h)
            new("W-1", Onset.AddHours(5), true),
            new("W-2", Onset.AddDays(1).AddHours(8), true), // 2 h after the event
            new("W-9", Onset, true),                       // a wearer who was never ill
            new("W-3", Onset.AddHours(25), true),          // after the 24 h window
        ];
        var result = IllnessAlerting.Measure(Illnesses, alerts);
        Assert.Equal(3, result.Illnesses);
        Assert.Equal(2, result.Alerted);
        Assert.Equal(1, result.AlertedBeforeEvent);
        Assert.Equal(-2.0, result.MinLeadHours);
        Assert.Equal(Deterioration.Ramp.TotalHours - 2, result.MaxLeadHours);
        Assert.Equal(Deterioration.Ramp.TotalHours - 2, result.MedianLeadHours);
        Assert.Equal(3, result.AlertsOutsideIllness);
    }

    [Fact]
    public void Without_alerts_nothing_is_alerted_and_lead_times_are_absent()
    {
        var result = IllnessAlerting.Measure(Illnesses, []);
        Assert.Equal(0, result.Alerted);
        Assert.Null(result.MedianLeadHours);
        Assert.Null(result.MinLeadHours);
        Assert.Equal(0, result.AlertsOutsideIllness);
    }
}
