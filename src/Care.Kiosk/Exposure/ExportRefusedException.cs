namespace Care.Kiosk.Exposure;

/// <summary>An export file from Hermes failed a check (hash, signature, content): its keys are not loaded onto any patch.</summary>
public sealed class ExportRefusedException(string message, Exception? inner = null) : Exception(message, inner);
