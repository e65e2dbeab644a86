namespace Care.Kiosk.Tests.Durable;

/// <summary>The simulated kiosk process died here (power loss, kill -9): nothing after this point ran.</summary>
internal sealed class KioskCrash(string where) : Exception($"kiosk killed at {where}");
