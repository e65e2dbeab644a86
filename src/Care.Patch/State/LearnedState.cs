using Care.Patch.Glucose;

namespace Care.Patch.State;

/// <summary>
/// The wearer's learned self as a patch holds it, the plaintext of a <see cref="LearnedStateBlob"/>:
/// today the insulin loop's state (null when the wearer has no insulin loop). ECG monitoring keeps no
/// state across recordings (each daily window starts a new <c>PatchEcgMonitor</c>), so nothing of it
/// moves; proximity keys will be another section when that work lands.
/// </summary>
/// <param name="InsulinLoop">The insulin loop's state, or null.</param>
public sealed record LearnedState(PatchGlucoseLoopState? InsulinLoop)
{
    /// <summary>A patch that has learned nothing (a wearer without an insulin loop).</summary>
    public static LearnedState Empty { get; } = new((PatchGlucoseLoopState?)null);
}
