using Care.Clinical.Challenge2019;
using Care.Clinical.Sepsis;
using Care.Hermes.Risk;

namespace Care.Hermes.Tests.Risk;

public sealed class StaggeredScorerTests
{
    private static readonly SepsisModel Model = SepsisModel.Load(ModelFile.Path);

    /// <summary>Hourly vitals that wander (seeded), with missing hours, in stored-input order.</summary>
    private static List<IReadOnlyList<float>> Inputs(int hours)
    {
        var random = new Random(7);
        var rows = new List<IReadOnlyList<float>>();
        for (int h = 0; h < hours; h++)
        {
            bool missing = random.NextDouble() < 0.05;
            float Jitter(float x, float spread) => missing ? float.NaN : x + spread * (float)(random.NextDouble() - 0.5);
            float sbp = Jitter(122, 20), dbp = Jitter(78, 12);
            rows.Add([Jitter(75, 30), Jitter(97, 4), Jitter(36.9f, 1.5f), sbp, (sbp + 2 * dbp) / 3, dbp, Jitter(16, 8)]);
        }
        return rows;
    }

    private static SepsisRisk Feed(StaggeredScorer scorer, IReadOnlyList<float> inputs)
    {
        var row = new float[ChallengeColumns.InputCount];
        ModelRiskTracker.ToRow(inputs, row);
        return scorer.Update(row, 5);
    }

    [Fact]
    public void Every_output_after_the_first_day_comes_from_a_record_24_to_47_hours_old()
    {
        var scorer = new StaggeredScorer(Model);
        var inputs = Inputs(200);
        for (int h = 0; h < inputs.Count; h++)
        {
            var risk = Feed(scorer, inputs[h]);
            Assert.Equal(h + 1, scorer.Hours);
            if (h < StaggeredScorer.Offset)
            {
                Assert.Equal(h, risk.Hour);
            }
            else
            {
                Assert.InRange(risk.Hour, StaggeredScorer.Offset, StaggeredScorer.RecordHours - 1);
            }
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(23)]
    [InlineData(24)]
    [InlineData(47)]
    [InlineData(48)]
    [InlineData(97)]
    public void Replaying_the_stored_hours_gives_the_same_outputs_as_never_stopping(int stopAfter)
    {
        var inputs = Inputs(stopAfter + 60);
        var continuous = new StaggeredScorer(Model);
        for (int h = 0; h < stopAfter; h++)
        {
            Feed(continuous, inputs[h]);
        }
        var rebuilt = new StaggeredScorer(Model);
        rebuilt.Replay(inputs.Take(stopAfter).ToList());
        // What Hermes reads back: only the last RecordHours stored rows, numbered from where they start.
        int first = Math.Max(0, stopAfter - StaggeredScorer.RecordHours);
        var fromSuffix = new StaggeredScorer(Model);
        fromSuffix.Replay(first, inputs.Skip(first).Take(stopAfter - first).ToList());
        Assert.Equal(stopAfter, rebuilt.Hours);
        Assert.Equal(stopAfter, fromSuffix.Hours);
        for (int h = stopAfter; h < inputs.Count; h++)
        {
            var a = Feed(continuous, inputs[h]);
            var b = Feed(rebuilt, inputs[h]);
            var c = Feed(fromSuffix, inputs[h]);
            Assert.Equal(a.Probability, b.Probability);
            Assert.Equal(a.Level, b.Level);
            Assert.Equal(a.TopContributions, b.TopContributions);
            Assert.Equal(a.Probability, c.Probability);
            Assert.Equal(a.TopContributions, c.TopContributions);
        }
    }

    [Fact]
    public void Replaying_rows_that_do_not_reach_back_a_whole_record_is_refused()
    {
        var inputs = Inputs(100);
        var scorer = new StaggeredScorer(Model);
        var e = Assert.Throws<ArgumentException>(() => scorer.Replay(60, inputs.Skip(60).Take(40).ToList()));
        Assert.Contains("reach back", e.Message, StringComparison.Ordinal);
    }
}
