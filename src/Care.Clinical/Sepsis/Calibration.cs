namespace Care.Clinical.Sepsis;

/// <summary>
/// Isotonic calibration of margins into probabilities on held-out hours: quantile bins, merged by
/// pool-adjacent-violators until rates rise with the margin; probabilities interpolate linearly
/// between bin mean margins. Immutable.
/// </summary>
internal sealed class Calibration
{
    // Finer towards the top, where alarms are decided.
    private static readonly double[] Quantiles = [0.5, 0.7, 0.8, 0.9, 0.95, 0.97, 0.98, 0.99, 0.995, 0.998, 1.0];

    public Calibration(CalibrationBin[] bins) => Bins = bins;

    public CalibrationBin[] Bins { get; }

    public static Calibration Fit(double[] margins, bool[] labels)
    {
        var order = Enumerable.Range(0, margins.Length).ToArray();
        var keys = (double[])margins.Clone();
        Array.Sort(keys, order);
        var bins = new List<CalibrationBin>();
        int start = 0;
        foreach (double q in Quantiles)
        {
            int end = (int)Math.Round(q * margins.Length);
            while (end < margins.Length && end > 0 && keys[end] == keys[end - 1])
            {
                end++;
            }
            if (end <= start)
            {
                continue;
            }
            double sum = 0;
            int positives = 0;
            for (int i = start; i < end; i++)
            {
                sum += keys[i];
                positives += labels[order[i]] ? 1 : 0;
            }
            bins.Add(new CalibrationBin(end == margins.Length ? double.PositiveInfinity : keys[end - 1], sum / (end - start), end - start, positives));
            // Pool adjacent violators.
            while (bins.Count > 1 && bins[^1].Rate <= bins[^2].Rate)
            {
                var a = bins[^2];
                var b = bins[^1];
                bins.RemoveRange(bins.Count - 2, 2);
                int n = a.Hours + b.Hours;
                bins.Add(new CalibrationBin(b.UpperMargin, (a.MeanMargin * a.Hours + b.MeanMargin * b.Hours) / n, n, a.Positives + b.Positives));
            }
            start = end;
        }
        return new Calibration([.. bins]);
    }

    public int BinOf(double margin)
    {
        for (int i = 0; i < Bins.Length - 1; i++)
        {
            if (margin <= Bins[i].UpperMargin)
            {
                return i;
            }
        }
        return Bins.Length - 1;
    }

    /// <summary>
    /// The 95 % interval at a margin, interpolated between the bins' Wilson intervals exactly as
    /// <see cref="Probability"/> interpolates their rates, so the probability always lies inside it.
    /// </summary>
    public (double Low, double High) Interval(double margin)
    {
        var (i, w) = Position(margin);
        var a = Bins[i].Interval();
        if (w == 0)
        {
            return a;
        }
        var b = Bins[i + 1].Interval();
        return (Math.Clamp(a.Low + w * (b.Low - a.Low), 0, 1), Math.Clamp(a.High + w * (b.High - a.High), 0, 1));
    }

    public double Probability(double margin)
    {
        var (i, w) = Position(margin);
        return w == 0 ? Bins[i].Rate : Math.Clamp(Bins[i].Rate + w * (Bins[i + 1].Rate - Bins[i].Rate), 0, 1);
    }

    /// <summary>The bin whose mean margin lies at or below <paramref name="margin"/> and the weight (0 ≤ w &lt; 1) of the next one.</summary>
    private (int Bin, double Weight) Position(double margin)
    {
        if (Bins.Length == 1 || !(margin > Bins[0].MeanMargin))
        {
            return (0, 0);
        }
        for (int i = 1; i < Bins.Length; i++)
        {
            if (margin <= Bins[i].MeanMargin)
            {
                var a = Bins[i - 1];
                var b = Bins[i];
                return margin == b.MeanMargin ? (i, 0) : (i - 1, (margin - a.MeanMargin) / (b.MeanMargin - a.MeanMargin));
            }
        }
        return (Bins.Length - 1, 0);
    }
}
