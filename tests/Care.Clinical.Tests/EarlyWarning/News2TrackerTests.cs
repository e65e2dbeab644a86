using Care.Clinical.EarlyWarning;
using Care.Core.Observations;

namespace Care.Clinical.Tests.EarlyWarning;

public sealed class News2TrackerTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 27, 0, 0, 0, TimeSpan.Zero);

    private static IEnumerable<Observation> Minute(DateTimeOffset t, double hr, double rr = 15, double spo2 = 98, double sbp = 125, double temp = 36.8) =>
    [
        new(VitalSign.HeartRate, t, hr), new(VitalSign.OxygenSaturation, t, spo2), new(VitalSign.BodyTemperature, t, temp),
        new(VitalSign.RespiratoryRate, t, rr), new(VitalSign.SystolicBloodPressure, t, sbp), new(VitalSign.DiastolicBloodPressure, t, 80),
    ];

    private static List<News2Assessment> Feed(News2Tracker tracker, int fromMinute, int minutes, Func<int, IEnumerable<Observation>> at)
    {
        var result = new List<News2Assessment>();
        for (int m = fromMinute; m < fromMinute + minutes; m++)
        {
            foreach (var o in at(m))
            {
                tracker.Add(o, result);
            }
        }
        return result;
    }

    [Fact]
    public void Healthy_vitals_score_zero_every_quarter_hour_and_never_alert()
    {
        var assessments = Feed(new News2Tracker(), 0, 24 * 60, m => Minute(T0.AddMinutes(m), 70));
        Assert.Equal(24 * 4 - 1, assessments.Count); // the last quarter stays open
        Assert.All(assessments, a => Assert.Equal(0, a.Score.Total));
        Assert.DoesNotContain(assessments, a => a.Escalated);
        Assert.Equal(T0.AddMinutes(15), assessments[0].Time);
    }

    [Fact]
    public void Single_artefacts_do_not_move_the_median()
    {
        var assessments = Feed(new News2Tracker(), 0, 60, m => Minute(T0.AddMinutes(m), m % 15 == 3 ? 180 : 70, spo2: m % 15 == 7 ? 82 : 98));
        Assert.All(assessments, a => Assert.Equal(0, a.Score.Total));
    }

    [Fact]
    public void Worsening_alerts_once_per_level_and_again_only_after_the_episode_closes()
    {
        var tracker = new News2Tracker();
        var ill = Feed(tracker, 0, 60, m => Minute(T0.AddMinutes(m), 115, rr: 22));            // pulse 2 + RR 2 = 4, low
        Assert.DoesNotContain(ill, a => a.Escalated);
        var medium = Feed(tracker, 60, 60, m => Minute(T0.AddMinutes(m), 115, rr: 22, temp: 38.5)); // + temp 1 = 5, medium
        Assert.Single(medium, a => a.Escalated);
        Assert.Equal(News2Level.Medium, medium.First(a => a.Escalated).Score.Level);
        var high = Feed(tracker, 120, 60, m => Minute(T0.AddMinutes(m), 135, rr: 26, spo2: 91, temp: 39.5)); // high
        Assert.Single(high, a => a.Escalated);
        var stillHigh = Feed(tracker, 180, 60, m => Minute(T0.AddMinutes(m), 135, rr: 26, spo2: 91, temp: 39.5));
        Assert.DoesNotContain(stillHigh, a => a.Escalated);
        var calm = Feed(tracker, 240, 120, m => Minute(T0.AddMinutes(m), 70));
        Assert.DoesNotContain(calm, a => a.Escalated);
        var relapse = Feed(tracker, 360, 60, m => Minute(T0.AddMinutes(m), 135, rr: 26, spo2: 91, temp: 39.5));
        Assert.Single(relapse, a => a.Escalated);
    }

    [Fact]
    public void A_snapshot_resumes_exactly_where_the_tracker_was()
    {
        IEnumerable<Observation> At(int m) => Minute(T0.AddMinutes(m), 60 + (m % 50), rr: 12 + (m % 14), temp: 36 + ((m % 30) / 10.0));
        var whole = new News2Tracker();
        var expected = Feed(whole, 0, 600, At);
        var first = new News2Tracker();
        var got = Feed(first, 0, 307, At);
        var json = System.Text.Json.JsonSerializer.Serialize(first.Snapshot());
        var resumed = new News2Tracker(System.Text.Json.JsonSerializer.Deserialize<News2TrackerState>(json));
        got.AddRange(Feed(resumed, 307, 293, At));
        Assert.Equal(expected, got);
    }

    [Fact]
    public void Nothing_is_scored_until_every_parameter_was_seen_and_stale_values_expire()
    {
        var tracker = new News2Tracker();
        var noBp = Feed(tracker, 0, 60, m => Minute(T0.AddMinutes(m), 70).Where(o => o.Sign != VitalSign.SystolicBloodPressure));
        Assert.Empty(noBp);
        var withBp = Feed(tracker, 60, 30, m => Minute(T0.AddMinutes(m), 70));
        Assert.NotEmpty(withBp);
        // Blood pressure stops: scores continue for 4 hours on its last median, then stop.
        var later = Feed(tracker, 90, 6 * 60, m => Minute(T0.AddMinutes(m), 70).Where(o => o.Sign != VitalSign.SystolicBloodPressure));
        Assert.InRange(later.Count, 15, 17);
    }

    [Fact]
    public void Observation_before_the_open_epoch_is_rejected()
    {
        var tracker = new News2Tracker();
        tracker.Add(new Observation(VitalSign.HeartRate, T0.AddMinutes(30), 70), []);
        Assert.Throws<ArgumentException>(() => tracker.Add(new Observation(VitalSign.HeartRate, T0, 70), []));
    }
}
