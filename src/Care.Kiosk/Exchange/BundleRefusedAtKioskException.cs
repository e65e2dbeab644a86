namespace Care.Kiosk.Exchange;

/// <summary>The old patch's sealed bundle failed the kiosk's checks (layout, device, signature); the message names what and where (byte offset).</summary>
public sealed class BundleRefusedAtKioskException(string message) : Exception(message);
