using Care.Clinical.Sepsis;
using Care.Clinical.Sepsis.Boosting;

namespace Care.Clinical.Tests.Sepsis;

public sealed class UtilityTargetTests
{
    [Fact]
    public void Alarm_benefit_of_each_hour_equals_the_official_utility_gain_of_alarming_only_then()
    {
        // Septic stay of 40 hours, first label at hour 25, so onset t_s = 31; every hour, including
        // those long before onset and past t_s + 3.
        var labels = Enumerable.Range(0, 40).Select(t => t >= 25).ToArray();
        double silent = UtilityScorer.RecordUtility(labels, new bool[40]);
        for (int t = 0; t < 40; t++)
        {
            var alarm = new bool[40];
            alarm[t] = true;
            double gain = UtilityScorer.RecordUtility(labels, alarm) - silent;
            Assert.Equal(gain, SepsisTrainer.AlarmBenefit(t - 31), 12);
        }
    }

    [Fact]
    public void Utility_targets_mark_the_early_window_positive_and_drop_hours_past_the_scored_window()
    {
        var records = SepsisTestData.Synthetic(8, hours: 40, seed: 21);
        var table = FeatureTable.Build(records, 1);
        var patients = Enumerable.Range(0, records.Length).ToArray();
        var (_, labels) = table.Gather(patients);
        var (targets, weights) = SepsisTrainer.Targets(table, patients, labels, utility: true);
        Assert.NotNull(weights);
        int r = 0;
        foreach (var record in records)
        {
            int first = record.Labels.IndexOf(true);
            for (int t = 0; t < record.Hours; t++, r++)
            {
                if (first < 0)
                {
                    Assert.False(targets[r]);
                    Assert.Equal(1f, weights[r]);
                    continue;
                }
                int d = t - (first + 6);
                Assert.Equal(d > -12 && d <= 3, targets[r]);
                Assert.Equal(d > 3 || d == -12 ? 0f : d < -12 ? 1f : (float)(SepsisTrainer.AlarmBenefit(d) / 0.05), weights[r], 5);
            }
        }
        var (plain, none) = SepsisTrainer.Targets(table, patients, labels, utility: false);
        Assert.Null(none);
        Assert.Equal(labels, plain);
    }

    [Fact]
    public void Utility_target_with_early_stopping_trains_a_model_that_still_ranks_the_synthetic_drift()
    {
        var records = SepsisTestData.Synthetic(120, hours: 40, seed: 22);
        var options = new BoostingOptions { Rounds = 60, MaxLeaves = 8, MinLeafRows = 20, LearningRate = 0.2, Threads = 1, UtilityTarget = true, EarlyStoppingRounds = 10 };
        var model = SepsisTrainer.Train(records, 1, options);
        Assert.InRange(model.Trees.TreeCount, 1, 60);
        var report = SepsisEvaluator.Evaluate(model, SepsisTestData.Synthetic(40, hours: 40, seed: 23), threads: 1);
        Assert.True(report.Model.Auroc > 0.85, $"AUROC {report.Model.Auroc}");
        Assert.True(report.Model.Utility.Normalised > 0.3, $"utility {report.Model.Utility.Normalised}");
    }
}
