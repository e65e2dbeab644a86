namespace Care.Kiosk.Exchange;

/// <summary>Hermes's acknowledgement of an upload.</summary>
/// <param name="BundleId">The bundle acknowledged.</param>
/// <param name="AlreadyStored">True when Hermes had stored it before (a retry).</param>
/// <param name="ObservationsStored">Observations Hermes holds from it.</param>
public sealed record UploadReceipt(Guid BundleId, bool AlreadyStored, int ObservationsStored);
