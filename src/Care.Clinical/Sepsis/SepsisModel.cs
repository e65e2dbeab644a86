using System.Globalization;
using Care.Clinical.Sepsis.Boosting;
using Care.Core.Errors;

namespace Care.Clinical.Sepsis;

/// <summary>
/// A trained sepsis model: gradient-boosted trees over <see cref="SepsisFeatures"/>, the alarm
/// threshold on their log-odds (chosen to maximise the Challenge utility on held-out training
/// patients), and an isotonic calibration that turns log-odds into a 0–100 score with a 95 %
/// interval. Immutable and thread-safe; per-patient scoring goes through <see cref="SepsisStreamScorer"/>.
/// </summary>
public sealed class SepsisModel
{
    private const string Magic = "care-sepsis-model 1";

    internal SepsisModel(BoostedTrees trees, double alarmMargin, double elevatedMargin, Calibration calibration, ulong seed, int trainingPatients, SepsisInputSet inputs)
    {
        Inputs = inputs;
        Trees = trees;
        AlarmMargin = alarmMargin;
        ElevatedMargin = elevatedMargin;
        Calibration = calibration;
        AlarmScore = Math.Max(1, RiskScore.Of(calibration.Probability(alarmMargin)));
        ElevatedScore = Math.Clamp(RiskScore.Of(calibration.Probability(elevatedMargin)), 1, AlarmScore);
        Seed = seed;
        TrainingPatients = trainingPatients;
    }

    /// <summary>The tree ensemble.</summary>
    public BoostedTrees Trees { get; }

    /// <summary>Log-odds at or above which an hour alarms.</summary>
    public double AlarmMargin { get; }

    /// <summary>
    /// Log-odds at or above which a non-alarming output is <see cref="SepsisRiskLevel.Elevated"/>:
    /// the alarm threshold minus ln 2 (odds at least half those at which the model alarms).
    /// </summary>
    public double ElevatedMargin { get; }

    /// <summary>
    /// Score (0–100) at or above which an hour alarms (<see cref="SepsisRiskLevel.High"/>): the score of
    /// <see cref="AlarmMargin"/>, at least 1. Levels are decided on the score a person sees, so the
    /// same score always has the same level; the alarm is this rule in evaluation and in Hermes alike.
    /// </summary>
    public int AlarmScore { get; }

    /// <summary>Score (1 to <see cref="AlarmScore"/>) at or above which a non-alarming hour is <see cref="SepsisRiskLevel.Elevated"/>: the score of <see cref="ElevatedMargin"/>.</summary>
    public int ElevatedScore { get; }

    /// <summary>
    /// The input columns the model was trained on; scoring applies the same set (other columns of
    /// a row are treated as never measured). Model files without an <c>inputs</c> line are <see cref="SepsisInputSet.Full"/>.
    /// </summary>
    public SepsisInputSet Inputs { get; }

    /// <summary>Seed the model was trained with.</summary>
    public ulong Seed { get; }

    /// <summary>Patients the model was trained on (fit plus calibration).</summary>
    public int TrainingPatients { get; }

    /// <summary>Calibration bins, lowest margins first.</summary>
    public IReadOnlyList<CalibrationBin> CalibrationBins => Calibration.Bins;

    internal Calibration Calibration { get; }

    /// <summary>Calibrated probability of a margin.</summary>
    public double Probability(double margin) => Calibration.Probability(margin);

    /// <summary>The 0–100 score of a margin (see <see cref="RiskScore.Of"/>).</summary>
    public int Score(double margin) => RiskScore.Of(Calibration.Probability(margin));

    /// <summary>The level of a score: High from <see cref="AlarmScore"/>, Elevated from <see cref="ElevatedScore"/>, else Low.</summary>
    public SepsisRiskLevel LevelOf(int score) =>
        score >= AlarmScore ? SepsisRiskLevel.High
        : score >= ElevatedScore ? SepsisRiskLevel.Elevated
        : SepsisRiskLevel.Low;

    /// <summary>True when an hour with this margin alarms (its score reaches <see cref="AlarmScore"/>).</summary>
    public bool Alarms(double margin) => Score(margin) >= AlarmScore;

    /// <summary>Builds the risk output of one hour from its margin and feature contributions.</summary>
    internal SepsisRisk Assess(int hour, double margin, ReadOnlySpan<float> features, ReadOnlySpan<double> contributions, int top)
    {
        double p = Calibration.Probability(margin);
        var (low, high) = Calibration.Interval(margin);
        int score = RiskScore.Of(p);
        // Interpolation keeps p inside [low, high]; the min/max only absorbs floating-point rounding.
        return new SepsisRisk(hour, score, p, Math.Min(low, p), Math.Max(high, p), LevelOf(score), TopOf(features, contributions, top))
        {
            ElevatedScore = ElevatedScore,
            AlarmScore = AlarmScore,
        };
    }

    private static FeatureContribution[] TopOf(ReadOnlySpan<float> features, ReadOnlySpan<double> contributions, int top)
    {
        var best = new FeatureContribution[Math.Min(top, contributions.Length)];
        int filled = 0;
        for (int f = 0; f < contributions.Length; f++)
        {
            double c = contributions[f];
            if (c == 0 || (filled == best.Length && Math.Abs(c) <= Math.Abs(best[^1].LogOdds)))
            {
                continue;
            }
            int i = filled < best.Length ? filled++ : best.Length - 1;
            while (i > 0 && Math.Abs(best[i - 1].LogOdds) < Math.Abs(c))
            {
                best[i] = best[i - 1];
                i--;
            }
            best[i] = new FeatureContribution(SepsisFeatures.Names[f], features[f], c);
        }
        return best[..filled];
    }

    /// <summary>Writes the model as text; the same model always gives the same bytes.</summary>
    public void Write(TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        var c = CultureInfo.InvariantCulture;
        writer.Write($"{Magic}\nseed {Seed}\npatients {TrainingPatients}\n");
        writer.Write(string.Create(c, $"alarm {AlarmMargin:R}\nelevated {ElevatedMargin:R}\n"));
        writer.Write($"featureNames {string.Join(',', SepsisFeatures.Names)}\n");
        writer.Write($"inputs {SepsisInputs.Name(Inputs)}\n");
        writer.Write($"calibration {Calibration.Bins.Length}\n");
        foreach (var b in Calibration.Bins)
        {
            writer.Write(string.Create(c, $"{b.UpperMargin:R} {b.MeanMargin:R} {b.Hours} {b.Positives}\n"));
        }
        Trees.Write(writer);
    }

    /// <summary>Saves to <paramref name="path"/> (UTF-8, LF).</summary>
    public void Save(string path)
    {
        using var writer = new StreamWriter(path, append: false, new System.Text.UTF8Encoding(false));
        Write(writer);
    }

    /// <summary>Loads a model saved by <see cref="Save"/>.</summary>
    /// <exception cref="InvalidInputException">Missing file or not a model of this version (names the line).</exception>
    public static SepsisModel Load(string path)
    {
        if (!File.Exists(path))
        {
            throw new InvalidInputException(path, "model file not found");
        }
        using var reader = new StreamReader(path);
        return Read(reader, path);
    }

    /// <summary>Reads a model written by <see cref="Write"/>; <paramref name="source"/> names it in errors.</summary>
    public static SepsisModel Read(TextReader reader, string source)
    {
        var lines = new LineReader(reader, source);
        lines.Expect(Magic);
        ulong seed = ulong.TryParse(lines.Keyed("seed"), CultureInfo.InvariantCulture, out var s) ? s : throw new InvalidInputException(source, "bad seed");
        int patients = lines.Int("patients");
        double alarm = lines.Double("alarm");
        double elevated = lines.Double("elevated");
        if (lines.Keyed("featureNames") != string.Join(',', SepsisFeatures.Names))
        {
            lines.Fail("the model was trained on a different feature set");
        }
        var inputs = SepsisInputSet.Full;
        if (lines.OptionalKeyed("inputs") is { } inputName && !SepsisInputs.TryParse(inputName, out inputs))
        {
            lines.Fail($"unknown input set '{inputName}'");
        }
        int count = lines.Int("calibration");
        var bins = new CalibrationBin[count];
        for (int i = 0; i < count; i++)
        {
            var p = lines.Fields(4);
            bins[i] = new CalibrationBin(lines.ParseDouble(p[0]), lines.ParseDouble(p[1]), lines.ParseInt(p[2]), lines.ParseInt(p[3]));
        }
        if (count == 0)
        {
            lines.Fail("no calibration bins");
        }
        var trees = BoostedTrees.Read(reader, source);
        if (trees.Features != SepsisFeatures.Count)
        {
            throw new InvalidInputException(source, $"model has {trees.Features} features, expected {SepsisFeatures.Count}");
        }
        return new SepsisModel(trees, alarm, elevated, new Calibration(bins), seed, patients, inputs);
    }
}
