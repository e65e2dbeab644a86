namespace Care.Kiosk.Exchange;

/// <summary>The clear header of a sealed bundle, read and signature-checked at the kiosk (the payload stays encrypted for Hermes).</summary>
/// <param name="DeviceId">The patch that sealed it.</param>
/// <param name="Sequence">The patch's upload sequence number.</param>
/// <param name="SealedAt">When it was sealed (millisecond precision).</param>
public readonly record struct SealedBundleHeader(string DeviceId, long Sequence, DateTimeOffset SealedAt);
