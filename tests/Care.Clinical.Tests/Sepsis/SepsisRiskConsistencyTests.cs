using Care.Clinical.Sepsis;
using FsCheck;
using FsCheck.Fluent;

namespace Care.Clinical.Tests.Sepsis;

/// <summary>
/// Property tests: whatever the margin, an explained risk agrees with itself — the probability lies
/// in its 95 % interval, the shown score lies in the shown interval, and the level follows from the
/// stated score thresholds on the score that is shown (so one score never has two levels). Run on
/// the shipped models and on freshly trained ones.
/// </summary>
public sealed class SepsisRiskConsistencyTests
{
    public static TheoryData<string> ShippedModels()
    {
        var data = new TheoryData<string>();
        foreach (string path in ModelsFolder() is { } folder ? Directory.GetFiles(folder, "sepsis-*.model").Order().ToArray() : [])
        {
            data.Add(Path.GetFileName(path));
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(ShippedModels))]
    public void Shipped_model_outputs_agree_with_themselves_for_any_margin(string file)
    {
        using var reader = File.OpenText(Path.Combine(ModelsFolder()!, file));
        var model = SepsisModel.Read(reader, file);
        CheckEveryMargin(model);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Trained_model_outputs_agree_with_themselves_for_any_margin(int seed)
    {
        var model = SepsisTrainer.Train(SepsisTestData.Synthetic(80, hours: 30, seed: seed), (ulong)seed, SepsisModelTests.Quick);
        CheckEveryMargin(model);
    }

    [Fact]
    public void A_score_between_bins_keeps_an_interval_that_is_not_degenerate()
    {
        var model = SepsisTrainer.Train(SepsisTestData.Synthetic(80, hours: 30, seed: 4), 4, SepsisModelTests.Quick);
        var bins = model.CalibrationBins;
        Assert.True(bins.Count > 1, "the synthetic model needs more than one calibration bin");
        for (int i = 1; i < bins.Count; i++)
        {
            double margin = (bins[i - 1].MeanMargin + bins[i].MeanMargin) / 2;
            var risk = Risk(model, margin);
            // Before, the bin's own interval was used and clamped to the interpolated probability,
            // leaving an upper bound equal to the probability.
            Assert.True(risk.ProbabilityLow < risk.Probability && risk.Probability < risk.ProbabilityHigh,
                $"bin {i}: {risk.ProbabilityLow} <= {risk.Probability} <= {risk.ProbabilityHigh}");
        }
    }

    [Theory]
    [InlineData(0.0451, 5, 4, 5)]
    [InlineData(0.035, 4, 3, 4)]
    [InlineData(0.005, 1, 0, 1)]
    [InlineData(1.0, 100, 100, 100)]
    public void Score_and_interval_are_rounded_so_the_score_stays_inside(double p, int score, int floor, int ceiling)
    {
        Assert.Equal(score, RiskScore.Of(p));
        Assert.Equal(floor, RiskScore.Floor(p));
        Assert.Equal(ceiling, RiskScore.Ceiling(p));
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(-0.01)]
    [InlineData(1.01)]
    public void A_score_of_an_impossible_probability_is_refused(double p) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => RiskScore.Of(p));

    private static void CheckEveryMargin(SepsisModel model)
    {
        Assert.InRange(model.ElevatedScore, 1, model.AlarmScore);
        var levelOfScore = new Dictionary<int, SepsisRiskLevel>();
        Prop.ForAll<double>(x =>
        {
            double margin = double.IsFinite(x) ? x % 20 : 0;
            var risk = Risk(model, margin);
            Consistent(model, risk, levelOfScore);
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(2000));
        // A fine sweep over the calibrated range as well: FsCheck's doubles cluster near zero.
        for (double margin = -12; margin <= 8; margin += 0.002)
        {
            Consistent(model, Risk(model, margin), levelOfScore);
        }
    }

    private static void Consistent(SepsisModel model, SepsisRisk risk, Dictionary<int, SepsisRiskLevel> levelOfScore)
    {
        Assert.InRange(risk.Probability, risk.ProbabilityLow, risk.ProbabilityHigh);
        Assert.InRange(risk.Score, risk.ScoreLow, risk.ScoreHigh);
        Assert.InRange(risk.ScoreLow, 0, 100);
        Assert.InRange(risk.ScoreHigh, 0, 100);
        Assert.Equal(RiskScore.Of(risk.Probability), risk.Score);
        var expected = risk.Score >= risk.AlarmScore ? SepsisRiskLevel.High
            : risk.Score >= risk.ElevatedScore ? SepsisRiskLevel.Elevated
            : SepsisRiskLevel.Low;
        Assert.Equal(expected, risk.Level);
        Assert.Equal(model.AlarmScore, risk.AlarmScore);
        Assert.Equal(model.ElevatedScore, risk.ElevatedScore);
        if (levelOfScore.TryGetValue(risk.Score, out var seen))
        {
            Assert.Equal(seen, risk.Level);
        }
        levelOfScore[risk.Score] = risk.Level;
    }

    private static SepsisRisk Risk(SepsisModel model, double margin) =>
        model.Assess(0, margin, new float[SepsisFeatures.Count], new double[SepsisFeatures.Count], 0);

    private static string? ModelsFolder()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            string candidate = Path.Combine(dir.FullName, "models");
            if (Directory.Exists(candidate) && Directory.GetFiles(candidate, "sepsis-*.model").Length > 0)
            {
                return candidate;
            }
        }
        return null;
    }
}
