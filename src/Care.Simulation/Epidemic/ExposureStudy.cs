using Care.Epidemic.Matching;
using Care.Epidemic.World;

namespace Care.Simulation.Epidemic;

/// <summary>
/// Issue 13 item 5: the epidemic world run twice with the same seed — notified wearers quarantining or
/// not — scored for notification precision and recall, hours to notify and attack rates; and the choice of
/// risk weights on development seeds (<see cref="Tune"/>). Pure apart from CPU; not thread-safe.
/// </summary>
public static class ExposureStudy
{
    private static readonly double[] CurveThresholds = [1, 2, 5, 10, 15, 20, 30, 45, 60, 90, 120, 180, 240];

    /// <summary>Runs one seed with <paramref name="weights"/>.</summary>
    public static ExposureStudyResult Run(EpidemicSettings settings, RiskWeights weights)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(weights);
        var without = new ExposureRun(settings, weights, tracing: false);
        without.Run();
        var with = new ExposureRun(settings, weights, tracing: true);
        with.Run();
        var (precision, recall, notified, truth) = Score(without, weights, weights.ThresholdWeightedMinutes);
        var curve = CurveThresholds.Select(t =>
        {
            var (p, r, _, _) = Score(without, weights, t);
            return new ExposureCurvePoint(t, p, r);
        }).ToList();
        var hours = with.HoursToNotify.Order().ToList();
        var (infected, infectedNotified) = without.SecondaryInfections;
        return new ExposureStudyResult(
            precision,
            recall,
            hours.Count == 0 ? double.NaN : hours.Count % 2 == 1 ? hours[hours.Count / 2] : (hours[(hours.Count / 2) - 1] + hours[hours.Count / 2]) / 2,
            with.AttackRate,
            without.AttackRate,
            infected == 0 ? double.NaN : (double)infectedNotified / infected,
            curve,
            without.Diagnosed,
            without.Published,
            truth,
            notified,
            weights);
    }

    /// <summary>
    /// Chooses risk weights on the development seeds: over a grid of attenuation buckets, bucket weights and
    /// thresholds, the weights with the highest pooled recall among those with pooled precision ≥ 0.5 (ties:
    /// higher precision). Returns the weights and their pooled precision and recall.
    /// </summary>
    public static (RiskWeights Weights, double Precision, double Recall) Tune(IReadOnlyList<EpidemicSettings> developmentSeeds)
    {
        ArgumentNullException.ThrowIfNull(developmentSeeds);
        var runs = developmentSeeds.Select(s =>
        {
            var run = new ExposureRun(s, RiskWeights.Default, tracing: false);
            run.Run();
            return run;
        }).ToList();
        (RiskWeights Weights, double Precision, double Recall) best = (RiskWeights.Default, double.NaN, -1);
        foreach (var immediate in new[] { 51.0, 54, 57, 60, 63, 66 })
        {
            foreach (var nearStep in new[] { 3.0, 6, 9 })
            {
                foreach (var mediumStep in new[] { 5.0, 10 })
                {
                    foreach (var nearWeight in new[] { 0.5, 1.0 })
                    {
                        foreach (var mediumWeight in new[] { 0.0, 0.25, 0.5 })
                        {
                            var w = RiskWeights.Default with
                            {
                                ImmediateMaxDb = immediate,
                                NearMaxDb = immediate + nearStep,
                                MediumMaxDb = immediate + nearStep + mediumStep,
                                NearWeight = nearWeight,
                                MediumWeight = mediumWeight,
                            };
                            foreach (var threshold in CurveThresholds)
                            {
                                int tp = 0, notified = 0, truth = 0;
                                foreach (var run in runs)
                                {
                                    var (_, _, n, t, hit) = Count(run, w, threshold);
                                    tp += hit;
                                    notified += n;
                                    truth += t;
                                }
                                var precision = notified == 0 ? 0 : (double)tp / notified;
                                var recall = truth == 0 ? 0 : (double)tp / truth;
                                if (precision >= 0.5 && (recall > best.Recall || (recall == best.Recall && precision > best.Precision)))
                                {
                                    best = (w with { ThresholdWeightedMinutes = threshold }, precision, recall);
                                }
                            }
                        }
                    }
                }
            }
        }
        return best;
    }

    private static (double Precision, double Recall, int Notified, int Truth) Score(ExposureRun run, RiskWeights weights, double threshold)
    {
        var (p, r, n, t, _) = Count(run, weights, threshold);
        return (p, r, n, t);
    }

    // Person-level counts from the run's histograms: the same sum ExposureRisk makes, bin by bin
    // (bins hold (k − 1, k] dB, so integer bucket bounds classify exactly as ExposureRisk does).
    private static (double Precision, double Recall, int Notified, int Truth, int Hits) Count(ExposureRun run, RiskWeights w, double threshold)
    {
        Span<double> weightOf = stackalloc double[2 * ExposureRun.Bins];
        for (var k = 0; k < ExposureRun.Bins; k++)
        {
            var bucket = k <= w.ImmediateMaxDb ? w.ImmediateWeight : k <= w.NearMaxDb ? w.NearWeight : k <= w.MediumMaxDb ? w.MediumWeight : w.OtherWeight;
            weightOf[k] = bucket * w.HighInfectiousnessWeight;
            weightOf[k + ExposureRun.Bins] = bucket * w.StandardInfectiousnessWeight;
        }
        int notified = 0, hits = 0;
        foreach (var (person, histogram) in run.Histograms)
        {
            var score = 0.0;
            for (var k = 0; k < histogram.Length; k++)
            {
                score += histogram[k] * weightOf[k];
            }
            if (score >= threshold - 1e-9)
            {
                notified++;
                hits += run.Truth[person] ? 1 : 0;
            }
        }
        var truth = run.Truth.Count(t => t);
        return (notified == 0 ? double.NaN : (double)hits / notified, truth == 0 ? double.NaN : (double)hits / truth, notified, truth, hits);
    }
}
