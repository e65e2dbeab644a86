using Care.Core.Events;
using Care.Core.Observations;
using Care.Hermes.Storage;

namespace Care.Hermes.Population;

/// <summary>
/// Turns a day of wearers' records into per-region counts. It is Hermes's own service reading the records to
/// aggregate them, never a caller: nothing it reads leaves it except the counts. Fever = a temperature
/// ≥ 38.0 °C that day (the usual clinical cut-off); raised resting heart rate per <see cref="RestingHeartRate"/>;
/// AF episodes that started that day; exposure notifications from <see cref="IPopulationCounts"/>.
/// Thread safe when its stores are.
/// </summary>
public sealed class PopulationCounter(IHermesStore store, IPopulationStore population, IPopulationCounts others)
{
    /// <summary>Fever threshold, °C.</summary>
    public const double FeverCelsius = 38.0;

    /// <summary>Counts the UTC day <paramref name="day"/> for every region with wearers (and any region with exposure notifications).</summary>
    public async Task<IReadOnlyList<RegionalDayCounts>> CountAsync(DateOnly day, CancellationToken cancellationToken = default)
    {
        var start = new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var end = start.AddDays(1);
        var tallies = new SortedDictionary<string, long[]>(StringComparer.Ordinal);
        foreach (var w in await population.WearerRegionsAsync(cancellationToken))
        {
            var t = Tally(tallies, w.Region);
            t[0]++;
            var temperatures = await store.QueryObservationsAsync(new ObservationQuery(w.Wearer, VitalSign.BodyTemperature, start, end, 100_000), cancellationToken);
            if (temperatures.Any(o => o.Time >= start && o.Time < end && o.Value >= FeverCelsius))
            {
                t[1]++;
            }
            var heart = await store.QueryObservationsAsync(new ObservationQuery(w.Wearer, VitalSign.HeartRate, start.AddDays(-RestingHeartRate.BaselineDays), end, 100_000), cancellationToken);
            if (RestingHeartRate.IsRaised(heart, start))
            {
                t[2]++;
            }
            var episodes = await store.QueryEventsAsync(new EventQuery(w.Wearer, PatchEventKind.AtrialFibrillation, start, end, 100_000), cancellationToken);
            t[3] += episodes.Count(e => e.Kind == PatchEventKind.AtrialFibrillation && e.Start >= start && e.Start < end);
        }
        foreach (var (region, count) in await others.ExposureNotificationsAsync(day, cancellationToken))
        {
            Tally(tallies, region)[4] += count;
        }
        return [.. tallies.Select(t => new RegionalDayCounts(t.Key, day, t.Value[0], t.Value[1], t.Value[2], t.Value[3], t.Value[4]))];
    }

    private static long[] Tally(SortedDictionary<string, long[]> tallies, string region)
    {
        if (!tallies.TryGetValue(region, out var t))
        {
            tallies[region] = t = new long[5];
        }
        return t;
    }
}
