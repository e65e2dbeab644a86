namespace Care.Hermes.Population;

/// <summary>
/// The <see cref="IPopulationCounts"/> used until the exposure-notification feature is composed in: it reports
/// no notifications anywhere. The exposure work (issue 13, items 3–4) keeps its notifications in its own
/// <c>IExposureStore</c>; wire an adapter over that store in <c>AddHermes</c> in place of this one.
/// </summary>
public sealed class NoExposureNotifications : IPopulationCounts
{
    private static readonly IReadOnlyDictionary<string, long> None = new Dictionary<string, long>(StringComparer.Ordinal);

    /// <inheritdoc/>
    public Task<IReadOnlyDictionary<string, long>> ExposureNotificationsAsync(DateOnly day, CancellationToken cancellationToken = default) =>
        Task.FromResult(None);
}
