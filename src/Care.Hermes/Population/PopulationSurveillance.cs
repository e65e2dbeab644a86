using System.Globalization;
using Care.Epidemic.Surveillance;

namespace Care.Hermes.Population;

/// <summary>
/// The daily population surveillance: counts a day (<see cref="PopulationCounter"/>), stores the counts, and runs
/// Hermes's detector (<see cref="HermesDetector"/>, daily settings) on each region's last <see cref="HistoryDays"/>
/// days of each measure; a day scoring above the threshold raises an <see cref="OutbreakSignal"/> (stored and
/// ledgered as <c>OutbreakSignalRaised</c>). Rerunning a day changes nothing: counts are replaced by the same
/// counts and a signal is raised once per region, day and measure. Not thread-safe (one run at a time).
/// </summary>
public sealed class PopulationSurveillance(PopulationCounter counter, IPopulationStore population, TimeProvider time, double threshold = PopulationSurveillance.DefaultThreshold)
{
    /// <summary>
    /// Alarm threshold, −log10 p per region, measure and day: 3 means a false signal about once in a thousand
    /// region-measure-days under the model. Chosen, not calibrated on daily data (docs/adr/0022).
    /// </summary>
    public const double DefaultThreshold = 3.0;

    /// <summary>Days of counts the detector reads (8 weeks of history, the daily settings' maximum, plus the gap).</summary>
    public const int HistoryDays = 59;

    private readonly HermesDetector _detector = new(HermesDetectorSettings.Daily);

    /// <summary>The detector's name and threshold as the ledger records it.</summary>
    public string Detector => string.Create(CultureInfo.InvariantCulture, $"hermes-daily>{threshold}");

    /// <summary>Counts <paramref name="day"/>, stores the counts, and raises the day's signals; returns them.</summary>
    public async Task<IReadOnlyList<OutbreakSignal>> RunDayAsync(DateOnly day, CancellationToken cancellationToken = default)
    {
        var counts = await counter.CountAsync(day, cancellationToken);
        await population.SaveDailyCountsAsync(counts, cancellationToken);
        var history = await population.GetDailyCountsAsync(day.AddDays(-(HistoryDays - 1)), day, null, cancellationToken);
        var signals = new List<OutbreakSignal>();
        foreach (var region in history.GroupBy(c => c.Region, StringComparer.Ordinal))
        {
            var byDay = region.ToDictionary(c => c.Day);
            var first = region.Min(c => c.Day);
            var length = day.DayNumber - first.DayNumber + 1;
            foreach (var measure in PopulationMeasureNames.All)
            {
                var series = new int[length];
                for (var i = 0; i < length; i++)
                {
                    series[i] = byDay.TryGetValue(first.AddDays(i), out var c) ? (int)Math.Min(int.MaxValue, c.Of(measure)) : 0;
                }
                var week = _detector.Score(series, length, length)[0];
                if (!double.IsNaN(week.Score) && week.Score > threshold)
                {
                    signals.Add(await population.RaiseSignalAsync(
                        new OutbreakSignal(0, region.Key, day, measure, series[^1], week.Expected, week.Score, Detector, time.GetUtcNow()), cancellationToken));
                }
            }
        }
        return signals;
    }
}
