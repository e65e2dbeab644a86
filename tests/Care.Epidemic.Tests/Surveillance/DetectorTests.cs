using Care.Core.Errors;
using Care.Epidemic.Surveillance;
using Care.Testing;

namespace Care.Epidemic.Tests.Surveillance;

public sealed class DetectorTests
{
    [Fact]
    public void Ears_and_cusum_agree_with_r_surveillance_on_every_reference_week_of_the_15_series()
    {
        var folder = SharedData.RequireFolder("surveillance");
        var series = SeriesCsv.Parse(File.ReadAllText(Path.Combine(folder, "surveillance_pkg_series_52week.csv")), "series");
        var reference = ReferenceCsv.Parse(File.ReadAllText(Path.Combine(folder, "reference_outputs", "earsC_reference.csv")), "ears")
            .Concat(ReferenceCsv.Parse(File.ReadAllText(Path.Combine(folder, "reference_outputs", "cusum_reference.csv")), "cusum")).ToList();
        var scores = SurveillanceEvaluation.Evaluate(series, reference).Where(s => s.Algorithm is "C1" or "C2" or "C3" or "CUSUM").ToList();
        Assert.Equal(15 * 4, scores.Count);
        foreach (var g in scores.GroupBy(s => s.Algorithm))
        {
            var agreement = (double)g.Sum(s => s.AgreeingWeeks) / g.Sum(s => s.ReferenceWeeks);
            Assert.True(agreement >= 0.999, $"{g.Key}: agreement {agreement}");
            Assert.True(g.All(s => s.ReferenceWeeks > 100), $"{g.Key}: a series lacks reference rows");
        }
    }

    [Fact]
    public void C1_threshold_is_mean_plus_z_times_sample_sd_of_the_previous_seven_weeks()
    {
        int[] counts = [1, 2, 3, 4, 5, 6, 7, 30];
        var week = Assert.Single(EarsC.Run(counts, EarsMethod.C1));
        var sd = Math.Sqrt(28.0 / 6); // sample variance of 1..7 = 4.667
        Assert.Equal(4 + (3.090232306167813 * sd), week.UpperBound, 9);
        Assert.True(week.Alarm);
    }

    [Fact]
    public void C3_on_a_flat_baseline_has_no_decision_like_r()
    {
        var counts = Enumerable.Repeat(2, 20).ToArray();
        Assert.All(EarsC.Run(counts, EarsMethod.C3), w => Assert.Null(w.Alarm));
    }

    [Fact]
    public void Cusum_keeps_alarming_without_reset_once_the_sum_passes_h()
    {
        int[] counts = [4, 4, 4, 4, 20, 4, 4];
        var weeks = Cusum.Run(counts, firstWeek: 5);
        Assert.Equal([true, true, true], weeks.Select(w => w.Alarm));
    }

    [Theory]
    [InlineData("dataset,week_index,observed,state\nm1,1,3,0\nm1,3,4,0\n", "line 3", "gap")]
    [InlineData("dataset,week_index,observed,state\nm1,1,3,0\nm1,1,4,0\n", "line 3", "repeats")]
    [InlineData("dataset,week_index,observed,state\nm1,1,-3,0\n", "line 2", "non-negative")]
    [InlineData("dataset,week_index,observed,state\nm1,1,3\n", "line 2", "4 comma-separated")]
    [InlineData("week,observed\n1,3\n", "line 1", "header")]
    public void Series_with_gaps_negative_counts_or_bad_rows_are_refused_with_the_line(string text, string where, string problem)
    {
        var ex = Assert.Throws<InvalidInputException>(() => SeriesCsv.Parse(text, "s.csv"));
        Assert.Contains($"s.csv {where}", ex.Message, StringComparison.Ordinal);
        Assert.Contains(problem, ex.Message, StringComparison.Ordinal);
    }
}
