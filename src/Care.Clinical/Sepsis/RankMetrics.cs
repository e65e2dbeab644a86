namespace Care.Clinical.Sepsis;

/// <summary>
/// Threshold-free metrics over hourly risk scores: AUROC (Mann–Whitney, tied scores count one
/// half) and AUPRC as step-wise average precision with tied scores grouped into one threshold,
/// the sums the Challenge scorer accumulates over its unique thresholds. Stateless, thread-safe.
/// </summary>
public static class RankMetrics
{
    /// <summary>Area under the ROC curve in [0, 1]; NaN when either class is absent.</summary>
    /// <exception cref="ArgumentException">Lengths differ or a score is NaN.</exception>
    public static double Auroc(ReadOnlySpan<float> scores, ReadOnlySpan<bool> labels)
    {
        var order = Sorted(scores, labels);
        double positives = labels.Count(true), negatives = labels.Length - positives;
        if (positives == 0 || negatives == 0)
        {
            return double.NaN;
        }
        double area = 0, tp = 0, fp = 0;
        ForEachTieGroup(scores, labels, order, (groupTp, groupFp) =>
        {
            // Trapezoid over the tie group: counts the positives above it fully, the group's own half.
            area += groupFp * (tp + groupTp / 2.0);
            tp += groupTp;
            fp += groupFp;
        });
        return area / (positives * negatives);
    }

    /// <summary>Area under the precision-recall curve (average precision) in [0, 1]; NaN without positives.</summary>
    /// <exception cref="ArgumentException">Lengths differ or a score is NaN.</exception>
    public static double Auprc(ReadOnlySpan<float> scores, ReadOnlySpan<bool> labels)
    {
        var order = Sorted(scores, labels);
        double positives = labels.Count(true);
        if (positives == 0)
        {
            return double.NaN;
        }
        double area = 0, tp = 0, fp = 0;
        ForEachTieGroup(scores, labels, order, (groupTp, groupFp) =>
        {
            tp += groupTp;
            fp += groupFp;
            area += groupTp / positives * (tp / (tp + fp));
        });
        return area;
    }

    private static int[] Sorted(ReadOnlySpan<float> scores, ReadOnlySpan<bool> labels)
    {
        if (scores.Length != labels.Length)
        {
            throw new ArgumentException($"{scores.Length} scores for {labels.Length} labels", nameof(scores));
        }
        var keys = new float[scores.Length];
        var order = new int[scores.Length];
        for (int i = 0; i < scores.Length; i++)
        {
            if (float.IsNaN(scores[i]))
            {
                throw new ArgumentException($"score {i} is NaN", nameof(scores));
            }
            keys[i] = -scores[i];
            order[i] = i;
        }
        Array.Sort(keys, order);
        return order;
    }

    private static void ForEachTieGroup(ReadOnlySpan<float> scores, ReadOnlySpan<bool> labels, int[] order, Action<double, double> group)
    {
        int i = 0;
        while (i < order.Length)
        {
            float value = scores[order[i]];
            double tp = 0, fp = 0;
            for (; i < order.Length && scores[order[i]] == value; i++)
            {
                if (labels[order[i]])
                {
                    tp++;
                }
                else
                {
                    fp++;
                }
            }
            group(tp, fp);
        }
    }
}
