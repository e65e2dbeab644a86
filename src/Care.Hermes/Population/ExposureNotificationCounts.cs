using Care.Hermes.Exposure;

namespace Care.Hermes.Population;

/// <summary>
/// The population view's exposure-notification counts, read from the exposure feature's store: the anonymous
/// per-region, per-day counts kiosks report (<c>POST /v1/exposure/notifications</c>). The region is the one the
/// kiosk reports; nothing here names a wearer.
/// </summary>
public sealed class ExposureNotificationCounts(IExposureStore exposure) : IPopulationCounts
{
    /// <inheritdoc/>
    public async Task<IReadOnlyDictionary<string, long>> ExposureNotificationsAsync(DateOnly day, CancellationToken cancellationToken = default)
    {
        var counts = await exposure.NotificationCountsAsync(day, day, cancellationToken);
        var byRegion = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var count in counts)
        {
            byRegion[count.Region] = byRegion.GetValueOrDefault(count.Region) + count.Count;
        }
        return byRegion;
    }
}
