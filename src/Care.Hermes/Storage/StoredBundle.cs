namespace Care.Hermes.Storage;

/// <summary>What Hermes keeps about an accepted bundle, to answer a re-send.</summary>
/// <param name="BundleId">The patch's bundle id.</param>
/// <param name="ContentSha256">SHA-256 of the bundle as received.</param>
/// <param name="ObservationCount">How many observations it stored.</param>
public sealed record StoredBundle(Guid BundleId, byte[] ContentSha256, int ObservationCount);
