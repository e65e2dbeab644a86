namespace Care.Kiosk.Exchange;

/// <summary>The steps of an exchange, in order. The journal records each as it completes.</summary>
public enum ExchangeStep
{
    /// <summary>The wearer and patch were identified.</summary>
    Identified = 1,

    /// <summary>The patch sealed its outbox into a bundle.</summary>
    Sealed = 2,

    /// <summary>Hermes acknowledged the bundle.</summary>
    Acknowledged = 3,

    /// <summary>The patch released the acknowledged data; the exchange is complete.</summary>
    Released = 4,
}
