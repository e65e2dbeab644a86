using Care.Epidemic.Exports;

namespace Care.Epidemic.Matching;

/// <summary>An encounter whose identifier was derived from a published diagnosis key.</summary>
/// <param name="Key">The published key.</param>
/// <param name="Encounter">The encounter it matched.</param>
/// <param name="KeyInterval">The interval whose identifier matched (within the key's validity).</param>
public readonly record struct ExposureMatch(DiagnosisKey Key, Encounter Encounter, int KeyInterval);
