using Care.Core.Ids;

namespace Care.Hermes.Population;

/// <summary>A wearer and the region Hermes counts them in (the kiosk that enrolled their newest active patch).</summary>
public readonly record struct WearerRegion(WearerId Wearer, string Region);
