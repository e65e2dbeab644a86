namespace Care.Core.Strips;

/// <summary>A detected beat inside a strip.</summary>
/// <param name="Offset">Sample index within the strip (0 = the strip's first sample).</param>
/// <param name="Class">AAMI class letter: N, S, V, F or Q.</param>
public readonly record struct StripBeat(int Offset, char Class)
{
    /// <summary>The class letters a strip may hold.</summary>
    public const string Classes = "NSVFQ";
}
