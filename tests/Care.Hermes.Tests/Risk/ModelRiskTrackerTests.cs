using System.Text.Json;
using Care.Clinical.Sepsis;
using Care.Core.Observations;
using Care.Hermes.Risk;
using Care.Hermes.Storage;

namespace Care.Hermes.Tests.Risk;

public sealed class ModelRiskTrackerTests
{
    private static readonly SepsisModel Model = SepsisModel.Load(ModelFile.Path);
    private static readonly DateTimeOffset Start = Vitals.Start;

    private static ModelRiskTracker NewTracker() => new("W-1", new StaggeredScorer(Model), null);

    private static List<ModelRiskRecord> Feed(ModelRiskTracker tracker, IEnumerable<Observation> observations, List<ModelEscalation>? escalations = null)
    {
        var risks = new List<ModelRiskRecord>();
        foreach (var o in observations)
        {
            tracker.Add(o, risks, escalations ?? []);
        }
        return risks;
    }

    [Fact]
    public void An_hour_closes_with_the_medians_of_its_readings_and_map_from_both_pressures()
    {
        var tracker = NewTracker();
        Observation[] readings =
        [
            new(VitalSign.HeartRate, Start.AddMinutes(1), 70),
            new(VitalSign.HeartRate, Start.AddMinutes(2), 200), // an artefact: the median ignores it
            new(VitalSign.HeartRate, Start.AddMinutes(3), 72),
            new(VitalSign.SystolicBloodPressure, Start.AddMinutes(10), 120),
            new(VitalSign.DiastolicBloodPressure, Start.AddMinutes(10), 75),
            new(VitalSign.InterstitialGlucose, Start.AddMinutes(11), 140), // not a model input
            new(VitalSign.HeartRate, Start.AddHours(1), 80),
        ];
        var risk = Assert.Single(Feed(tracker, readings));
        Assert.Equal(Start.AddHours(1), risk.Time);
        Assert.Equal(0, risk.Hour);
        Assert.True(risk.Measured);
        Assert.Equal(72f, risk.Inputs[0]);
        Assert.True(float.IsNaN(risk.Inputs[1]), "no SpO2 in the hour");
        Assert.Equal(120f, risk.Inputs[3]);
        Assert.Equal((120f + 2 * 75f) / 3, risk.Inputs[4], 3);
        Assert.Equal(75f, risk.Inputs[5]);
        Assert.InRange(risk.Score, 0, 100);
        Assert.InRange(risk.Probability, risk.ProbabilityLow, risk.ProbabilityHigh);
        Assert.InRange(risk.Contributions.Count, 1, ModelRiskTracker.TopContributions);
    }

    [Fact]
    public void A_long_gap_is_fed_as_at_most_a_day_of_missing_hours_that_cannot_alert()
    {
        var tracker = NewTracker();
        var escalations = new List<ModelEscalation>();
        var risks = Feed(tracker, [
            new(VitalSign.HeartRate, Start, 70),
            new(VitalSign.HeartRate, Start.AddHours(1), 70),
            new(VitalSign.HeartRate, Start.AddHours(31), 70),
        ], escalations);
        Assert.Equal(2 + ModelRiskTracker.MaxEmptyHours, risks.Count);
        Assert.Equal(Enumerable.Range(0, risks.Count), risks.Select(r => r.Hour));
        Assert.All(risks.Skip(2), r => Assert.False(r.Measured));
        Assert.DoesNotContain(escalations, e => !e.Risk.Measured);
        Assert.Equal(risks.Count, tracker.Snapshot().Hours);
    }

    [Fact]
    public void A_reading_before_the_open_hour_is_refused()
    {
        var tracker = NewTracker();
        Feed(tracker, [new(VitalSign.HeartRate, Start.AddHours(2), 70)]);
        Assert.Throws<ArgumentException>(() => Feed(tracker, [new(VitalSign.HeartRate, Start.AddHours(1), 70)]));
    }

    [Fact]
    public void A_tracker_resumed_mid_hour_from_its_json_state_scores_exactly_like_one_that_never_stopped()
    {
        var all = Vitals.Minutes("W-1", Start, 600).Observations.Concat(Vitals.Minutes("W-1", Start.AddHours(10), 300, ill: true).Observations).ToList();
        var whole = Feed(NewTracker(), all);

        var scorer = new StaggeredScorer(Model);
        var first = new ModelRiskTracker("W-1", scorer, null);
        int split = all.FindIndex(o => o.Time >= Start.AddHours(7).AddMinutes(30)); // mid-hour
        var resumed = Feed(first, all.Take(split));
        string json = JsonSerializer.Serialize(first.Snapshot(), new JsonSerializerOptions(JsonSerializerDefaults.Web));
        var state = JsonSerializer.Deserialize<ModelRiskState>(json, new JsonSerializerOptions(JsonSerializerDefaults.Web));
        resumed.AddRange(Feed(new ModelRiskTracker("W-1", scorer, state), all.Skip(split)));

        Assert.Equal(whole.Count, resumed.Count);
        for (int i = 0; i < whole.Count; i++)
        {
            Assert.Equal(whole[i].Probability, resumed[i].Probability);
            Assert.Equal(whole[i].Inputs, resumed[i].Inputs);
        }
        Assert.Throws<ArgumentException>(() => new ModelRiskTracker("W-1", new StaggeredScorer(Model), state));
    }
}
