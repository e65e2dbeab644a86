namespace Care.Cardio.Evaluation;

/// <summary>
/// Leave-one-record-out evaluation of an <see cref="AfCandidate"/>: for each record, the setting
/// that is best by an <see cref="AfObjective"/> over all the other records is chosen (the first in
/// grid order on a tie) and scored on the held-out record. The held-out scores are what the candidate is
/// judged by; the setting chosen on all records is the one a release would ship.
/// </summary>
public static class AfLeaveOneOut
{
    /// <summary>The false AF allowed on a record without AF, minutes (the issue 16 target).</summary>
    public const double FalseAfLimitMinutes = 1;

    /// <summary>Runs the candidate over <paramref name="traces"/> (two at least), records in parallel.</summary>
    public static AfLeaveOneOutResult Run(AfCandidate candidate, IReadOnlyList<AfRecordTrace> traces, AfObjective objective, CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        ArgumentNullException.ThrowIfNull(traces);
        ArgumentOutOfRangeException.ThrowIfLessThan(traces.Count, 2);
        var settings = candidate.Settings.Count;
        var scores = new AfScore[settings, traces.Count];
        Parallel.For(0, traces.Count, new ParallelOptions { CancellationToken = cancel }, r =>
        {
            var t = traces[r];
            for (var s = 0; s < settings; s++)
            {
                scores[s, r] = AfScore.Compare(t.Record, t.SamplingHz, t.Length, t.Reference, t.Replay(candidate.Create(s)));
            }
        });
        var heldOut = new AfScore[traces.Count];
        var chosen = new string[traces.Count];
        for (var r = 0; r < traces.Count; r++)
        {
            var best = Best(scores, settings, traces.Count, r, objective);
            heldOut[r] = scores[best, r];
            chosen[r] = candidate.Settings[best];
        }
        var onAll = Best(scores, settings, traces.Count, -1, objective);
        var inSample = Enumerable.Range(0, traces.Count).Select(r => scores[onAll, r]).ToList();
        return new AfLeaveOneOutResult(candidate, objective, heldOut, chosen, candidate.Settings[onAll], onAll, inSample);
    }

    private static int Best(AfScore[,] scores, int settings, int records, int leftOut, AfObjective objective)
    {
        var best = 0;
        var bestValue = double.NegativeInfinity;
        for (var s = 0; s < settings; s++)
        {
            long overlap = 0, reference = 0, detected = 0;
            double worstFalse = 0, allFalse = 0;
            for (var r = 0; r < records; r++)
            {
                if (r == leftOut)
                {
                    continue;
                }
                overlap += scores[s, r].OverlapSamples;
                reference += scores[s, r].ReferenceSamples;
                detected += scores[s, r].DetectedSamples;
                allFalse += scores[s, r].FalseAfMinutes;
                if (scores[s, r].ReferenceSamples == 0)
                {
                    worstFalse = Math.Max(worstFalse, scores[s, r].FalseAfMinutes);
                }
            }
            var se = AfTotals.Percent(overlap, reference);
            var ppv = AfTotals.Percent(overlap, detected);
            var value = objective switch
            {
                AfObjective.FewestErrorMinutes => -(reference - overlap + detected - overlap),
                // Feasible settings rank above all others by Se (percent, so 1e3 x outweighs minutes);
                // infeasible ones by their worst record's false AF.
                AfObjective.MostSensitiveWithinFalseAfLimit => worstFalse <= FalseAfLimitMinutes
                    ? 1e3 * (double.IsNaN(se) ? 0 : se) - allFalse
                    : -1e6 - 1e3 * worstFalse,
                _ => Math.Min(double.IsNaN(se) ? 0 : se, double.IsNaN(ppv) ? 0 : ppv),
            };
            if (value > bestValue)
            {
                bestValue = value;
                best = s;
            }
        }
        return best;
    }
}
