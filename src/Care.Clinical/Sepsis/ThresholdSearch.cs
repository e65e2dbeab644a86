namespace Care.Clinical.Sepsis;

/// <summary>Chooses the alarm threshold that maximises the Challenge utility on given patients.</summary>
internal static class ThresholdSearch
{
    /// <summary>
    /// Tries 400 candidate thresholds (quantiles 0.5…0.9995 of <paramref name="margins"/>, which hold the
    /// patients' hours in order: log-odds, or any score monotone in them) and returns the one with the
    /// highest utility (the lowest on ties).
    /// </summary>
    public static double BestUtilityMargin(FeatureTable table, IReadOnlyList<int> patients, double[] margins)
    {
        var sorted = (double[])margins.Clone();
        Array.Sort(sorted);
        const int candidates = 400;
        double best = double.NegativeInfinity, bestMargin = sorted[^1];
        var alarms = new bool[336 * 2];
        for (int c = 0; c < candidates; c++)
        {
            double q = 0.5 + (0.9995 - 0.5) * c / (candidates - 1);
            double threshold = sorted[(int)(q * (sorted.Length - 1))];
            double utility = 0;
            int r = 0;
            foreach (int p in patients)
            {
                var record = table.Patients[p];
                if (alarms.Length < record.Hours)
                {
                    alarms = new bool[record.Hours];
                }
                var a = alarms.AsSpan(0, record.Hours);
                for (int t = 0; t < record.Hours; t++)
                {
                    a[t] = margins[r++] >= threshold;
                }
                utility += UtilityScorer.RecordUtility(record.Labels, a);
            }
            if (utility > best)
            {
                best = utility;
                bestMargin = threshold;
            }
        }
        return bestMargin;
    }
}
