namespace Care.Kiosk.Cartridges;

/// <summary>The kiosk will not fill a cartridge: the dose plan cannot be trusted. Nothing was filled.</summary>
public sealed class CartridgeRefusedException(string message) : Exception(message);
