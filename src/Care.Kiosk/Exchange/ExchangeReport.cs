namespace Care.Kiosk.Exchange;

/// <summary>The outcome of one completed exchange.</summary>
/// <param name="BundleId">The bundle uploaded.</param>
/// <param name="Observations">Observations it carried.</param>
/// <param name="Attempts">Upload attempts it took (1 when Hermes answered at once).</param>
/// <param name="AlreadyStored">True when Hermes had the bundle from an earlier attempt.</param>
public sealed record ExchangeReport(Guid BundleId, int Observations, int Attempts, bool AlreadyStored);
