namespace Care.Kiosk.Exchange;

/// <summary>Hermes did not answer; the upload may or may not have been stored, and retrying is safe.</summary>
public sealed class UplinkUnavailableException(string message, Exception? inner = null) : Exception(message, inner);
