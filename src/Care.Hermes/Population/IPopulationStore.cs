namespace Care.Hermes.Population;

/// <summary>
/// Storage of the population view: each backend implements it next to <see cref="Storage.IHermesStore"/> (the
/// storage contract suite checks both). Holds aggregates only: no table here names a wearer. Thread safe;
/// honours cancellation.
/// </summary>
public interface IPopulationStore
{
    /// <summary>Every wearer with an active (not retired) patch and the kiosk that enrolled the newest of them, in wearer order.</summary>
    Task<IReadOnlyList<WearerRegion>> WearerRegionsAsync(CancellationToken cancellationToken = default);

    /// <summary>Stores a day's counts, replacing what an earlier run stored for the same region and day (a rerun changes nothing else).</summary>
    Task SaveDailyCountsAsync(IReadOnlyList<RegionalDayCounts> counts, CancellationToken cancellationToken = default);

    /// <summary>Counts of days <paramref name="from"/>..<paramref name="to"/> (inclusive), of one region or all, by day then region.</summary>
    Task<IReadOnlyList<RegionalDayCounts>> GetDailyCountsAsync(DateOnly from, DateOnly to, string? region, CancellationToken cancellationToken = default);

    /// <summary>
    /// Stores a signal and writes <c>OutbreakSignalRaised</c> to the ledger in the same transaction. At most one signal per
    /// region, day and measure: raising it again returns the stored one and writes nothing.
    /// </summary>
    Task<OutbreakSignal> RaiseSignalAsync(OutbreakSignal signal, CancellationToken cancellationToken = default);

    /// <summary>Signals of days on or after <paramref name="since"/> (all when null), newest day first, at most <paramref name="limit"/>.</summary>
    Task<IReadOnlyList<OutbreakSignal>> GetSignalsAsync(DateOnly? since, int limit, CancellationToken cancellationToken = default);
}
