namespace Care.Kiosk.Models;

/// <summary>The kiosk refuses to load a model onto a patch; the message says which check failed.</summary>
public sealed class ModelRefusedException(string message) : Exception(message);
