namespace Care.Kiosk.Exchange;

/// <summary>
/// The kiosk's forward queue holds as many unacknowledged bundles as it may: a new exchange is
/// refused before anything is touched, rather than dropping data. Nothing was done.
/// </summary>
public sealed class ForwardQueueFullException(int pending, int capacity)
    : Exception($"the kiosk cannot take a new exchange: {pending} bundles already wait for Hermes (capacity {capacity}); keep your current patch and come back once the kiosk is back online")
{
    /// <summary>Bundles waiting.</summary>
    public int Pending { get; } = pending;

    /// <summary>The queue's capacity.</summary>
    public int Capacity { get; } = capacity;
}
