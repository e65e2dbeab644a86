namespace Care.Epidemic.Surveillance;

/// <summary>
/// <c>care eval outbreaks</c>: the five package detectors (EARS C1–C3, CUSUM, Farrington 1996 and Noufaily 2013;
/// C1–C3 counted separately) and <see cref="HermesDetector"/> on series of <see cref="OutbreakSimulator"/>;
/// Hermes's thresholds are calibrated on development seeds to each baseline's false-positive rate and every
/// figure is reported on the test seeds. Pure; runs series on up to two threads.
/// </summary>
public static class InjectedOutbreakEvaluation
{
    /// <summary>The baselines, in report order.</summary>
    public static IReadOnlyList<string> Baselines { get; } = ["C1", "C2", "C3", "CUSUM", "Farrington1996", "Noufaily2013"];

    /// <summary>Name of Hermes's detector in reports.</summary>
    public const string HermesName = "Hermes";

    /// <summary>Years back for the Farrington detectors on simulated series (Noufaily 2013: b = 5).</summary>
    public const int SimulatedYearsBack = 5;

    /// <summary>Runs the evaluation: <paramref name="replicates"/> series per scenario for each seed.</summary>
    public static OutbreakEvaluationResult Run(int replicates, int seed, int devSeed, HermesDetectorSettings settings, IReadOnlyList<SurveillanceSeries>? real = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(replicates, 1);
        ArgumentNullException.ThrowIfNull(settings);
        if (seed == devSeed)
        {
            throw new ArgumentException("the test seed must differ from the development seed", nameof(seed));
        }
        var dev = RunSet(replicates, devSeed, settings);
        var test = RunSet(replicates, seed, settings);
        var baselines = Baselines.Select(a => Outcome(a, test, r => r.Alarms[a])).ToList();
        var matched = new List<MatchedComparison>();
        foreach (var a in Baselines)
        {
            var target = Outcome(a, dev, r => r.Alarms[a]).FalsePositiveRate;
            var threshold = Calibrate(dev, target);
            matched.Add(new MatchedComparison(a, target, threshold, baselines.First(b => b.Algorithm == a),
                Outcome(HermesName, test, r => Alarms(r.Scores, threshold))));
        }
        var realScores = real is null ? [] : ScoreReal(real, settings, matched.First(m => m.Against == "Noufaily2013").Threshold);
        return new OutbreakEvaluationResult(BaselineScenario.Grid.Count * replicates, baselines, matched, realScores);
    }

    /// <summary>Deterministic seed of one replicate.</summary>
    public static int ReplicateSeed(int seed, int scenario, int replicate) =>
        unchecked((seed * 1_000_003) + (scenario * 10_007) + replicate);

    private static List<SeriesRun> RunSet(int replicates, int seed, HermesDetectorSettings settings)
    {
        var jobs = new List<(int Scenario, int Replicate)>();
        for (var sc = 0; sc < BaselineScenario.Grid.Count; sc++)
        {
            for (var r = 0; r < replicates; r++)
            {
                jobs.Add((sc, r));
            }
        }
        var runs = new SeriesRun[jobs.Count];
        Parallel.For(0, jobs.Count, new ParallelOptions { MaxDegreeOfParallelism = 2 }, () => new HermesDetector(settings), (i, _, detector) =>
        {
            var (sc, r) = jobs[i];
            runs[i] = RunSeries(OutbreakSimulator.Simulate(sc, ReplicateSeed(seed, sc, r)), detector);
            return detector;
        }, _ => { });
        return [.. runs];
    }

    private static SeriesRun RunSeries(SimulatedSeries s, HermesDetector detector)
    {
        var counts = s.Observed.ToArray();
        int first = s.TestStart, last = counts.Length;
        var alarms = new Dictionary<string, bool[]>(StringComparer.Ordinal)
        {
            ["C1"] = Flags(EarsC.Run(counts, EarsMethod.C1, firstWeek: first)),
            ["C2"] = Flags(EarsC.Run(counts, EarsMethod.C2, firstWeek: first)),
            ["C3"] = Flags(EarsC.Run(counts, EarsMethod.C3, firstWeek: first)),
            ["CUSUM"] = Flags(Cusum.Run(counts, first)),
            ["Farrington1996"] = Flags(FarringtonFlexible.Run(counts, FarringtonSettings.Farrington1996(SimulatedYearsBack), first, last).Select(w => w.Week).ToList()),
            ["Noufaily2013"] = Flags(FarringtonFlexible.Run(counts, FarringtonSettings.Noufaily2013(SimulatedYearsBack), first, last).Select(w => w.Week).ToList()),
        };
        var scores = detector.Score(counts, first, last).Select(w => double.IsNaN(w.Score) ? double.NegativeInfinity : w.Score).ToArray();
        var outbreak = s.Outbreak.Skip(first - 1).ToArray();
        return new SeriesRun(alarms, scores, outbreak);
    }

    private static bool[] Flags(IReadOnlyList<DetectionWeek> weeks) => [.. weeks.Select(w => w.Alarm == true)];

    private static bool[] Alarms(double[] scores, double threshold) => [.. scores.Select(s => s > threshold)];

    // The smallest threshold whose development FPR does not exceed the target (scores are ties-aware).
    private static double Calibrate(List<SeriesRun> dev, double targetFpr)
    {
        var negatives = dev.SelectMany(r => r.Scores.Where((_, i) => !r.Outbreak[i])).OrderByDescending(x => x).ToArray();
        var allowed = (int)Math.Floor(targetFpr * negatives.Length);
        if (allowed >= negatives.Length)
        {
            return 0;
        }
        // Alarm = score > h: h = the (allowed+1)-th largest score lets at most `allowed` through (fewer with ties).
        return Math.Max(negatives[allowed], 1e-9);
    }

    private static DetectionOutcome Outcome(string name, List<SeriesRun> runs, Func<SeriesRun, bool[]> alarmsOf)
    {
        long falseAlarms = 0, negatives = 0, hits = 0, positives = 0;
        int outbreaks = 0, detected = 0;
        var timeliness = 0.0;
        foreach (var r in runs)
        {
            var alarms = alarmsOf(r);
            int firstOutbreak = -1, lastOutbreak = -1, firstAlarm = -1;
            for (var i = 0; i < alarms.Length; i++)
            {
                if (r.Outbreak[i])
                {
                    positives++;
                    hits += alarms[i] ? 1 : 0;
                    firstOutbreak = firstOutbreak < 0 ? i : firstOutbreak;
                    lastOutbreak = i;
                    firstAlarm = firstAlarm < 0 && alarms[i] ? i : firstAlarm;
                }
                else
                {
                    negatives++;
                    falseAlarms += alarms[i] ? 1 : 0;
                }
            }
            if (firstOutbreak < 0)
            {
                continue;
            }
            outbreaks++;
            var span = lastOutbreak - firstOutbreak + 1;
            detected += firstAlarm >= 0 ? 1 : 0;
            timeliness += firstAlarm < 0 ? 1.0 : (double)(firstAlarm - firstOutbreak) / span;
        }
        return new DetectionOutcome(name,
            negatives == 0 ? double.NaN : (double)falseAlarms / negatives,
            positives == 0 ? double.NaN : (double)hits / positives,
            outbreaks == 0 ? double.NaN : (double)detected / outbreaks,
            outbreaks == 0 ? double.NaN : timeliness / outbreaks,
            outbreaks);
    }

    // Every detector on the real labelled series over the same weeks (the Farrington first week onwards).
    private static List<DetectorScore> ScoreReal(IReadOnlyList<SurveillanceSeries> real, HermesDetectorSettings settings, double threshold)
    {
        var detector = new HermesDetector(settings);
        var scores = new List<DetectorScore>();
        foreach (var s in real.Where(s => s.HasLabels))
        {
            var counts = s.Observed.ToArray();
            var first = FarringtonSettings.Noufaily2013(SurveillanceEvaluation.FarringtonYearsBack(counts.Length)).FirstWeekWithHistory;
            foreach (var a in Baselines)
            {
                var weeks = SurveillanceEvaluation.Run(a, s.Observed).Where(w => w.WeekIndex >= first).ToList();
                scores.Add(SurveillanceEvaluation.Score(s, a, weeks, null));
            }
            scores.Add(SurveillanceEvaluation.Score(s, HermesName, detector.Run(counts, threshold, first, counts.Length), null));
        }
        return scores;
    }

    private sealed record SeriesRun(Dictionary<string, bool[]> Alarms, double[] Scores, bool[] Outbreak);
}
