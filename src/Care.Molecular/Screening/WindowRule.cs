namespace Care.Molecular.Screening;

/// <summary>When a window of <paramref name="Width"/> positions matches.</summary>
/// <param name="Width">Window length (nt or aa).</param>
/// <param name="Similar">Positions at least similar (identical, or same reduced-alphabet group).</param>
/// <param name="Identical">Positions identical.</param>
internal readonly record struct WindowRule(int Width, int Similar, int Identical);
