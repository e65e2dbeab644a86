namespace Care.Hermes.Population;

/// <summary>
/// Counts that come from other Hermes features than the wearers' records: today the exposure notifications
/// given per region and day (the exposure feature's <c>IExposureStore</c> answers them once merged).
/// </summary>
public interface IPopulationCounts
{
    /// <summary>Exposure notifications given on <paramref name="day"/>, by region (regions without any may be absent).</summary>
    Task<IReadOnlyDictionary<string, long>> ExposureNotificationsAsync(DateOnly day, CancellationToken cancellationToken = default);
}
