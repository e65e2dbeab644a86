using Care.Clinical.EarlyWarning;
using Care.Core.Observations;

namespace Care.Hermes.Console.Charts;

/// <summary>
/// The NEWS2 bands drawn behind each vital chart, derived by evaluating the very functions Hermes
/// scores with (<see cref="News2"/>) over a fine grid, so the chart cannot disagree with the score.
/// Edges sit halfway between the last value of one score and the first of the next (NEWS2 rounds to
/// whole numbers, temperature to 0.1 °C). SpO2 uses scale 1 on air, as Hermes does for patches.
/// Computed once; thread safe.
/// </summary>
internal static class News2Bands
{
    private static readonly Dictionary<VitalSign, IReadOnlyList<ScoreBand>> Bands = new()
    {
        [VitalSign.HeartRate] = Derive(20, 220, 1, News2.Pulse),
        [VitalSign.RespiratoryRate] = Derive(2, 50, 1, News2.RespiratoryRate),
        [VitalSign.OxygenSaturation] = Derive(60, 100, 1, v => News2.SpO2(v, onOxygen: false)),
        [VitalSign.BodyTemperature] = Derive(32, 43, 0.1, News2.Temperature),
        [VitalSign.SystolicBloodPressure] = Derive(50, 260, 1, News2.Systolic),
    };

    /// <summary>The bands of <paramref name="sign"/>, or empty for signs NEWS2 does not score.</summary>
    public static IReadOnlyList<ScoreBand> For(VitalSign sign) => Bands.GetValueOrDefault(sign) ?? [];

    private static ScoreBand[] Derive(double low, double high, double step, Func<double, int> score)
    {
        var bands = new List<ScoreBand>();
        int steps = (int)Math.Round((high - low) / step);
        double from = double.NegativeInfinity;
        int current = score(low);
        for (int i = 1; i <= steps; i++)
        {
            double value = low + (i * step);
            int s = score(value);
            if (s != current)
            {
                double edge = value - (step / 2);
                bands.Add(new ScoreBand(from, edge, current));
                from = edge;
                current = s;
            }
        }
        bands.Add(new ScoreBand(from, double.PositiveInfinity, current));
        return [.. bands];
    }
}
