namespace Care.Hermes.Exposure;

/// <summary>Exposure notifications given in one region on one day, summed over the kiosks' anonymous reports.</summary>
public sealed record NotificationCount(string Region, DateOnly Day, long Count);
