namespace Care.Cardio.Rhythm;

/// <summary>
/// A beat-by-beat atrial-fibrillation detector with a fixed lag: after each accepted interval it
/// states the label of the interval <see cref="Delay"/> accepted intervals before the newest.
/// Implementations hold fixed memory and are not thread safe.
/// </summary>
public interface IAfDetector
{
    /// <summary>How many newer accepted intervals follow the interval whose label <see cref="InAf"/> gives.</summary>
    int Delay { get; }

    /// <summary>True while the interval <see cref="Delay"/> accepted intervals back is labelled AF.</summary>
    bool InAf { get; }

    /// <summary>
    /// Adds one interval; returns true when the label changed with it (the change applies from the
    /// interval <see cref="Delay"/> accepted intervals back). Intervals outside 0.2–3 s (or NaN) are
    /// not accepted and return false.
    /// </summary>
    bool Add(in AfInterval interval);

    /// <summary>Forgets all intervals and returns to "not AF".</summary>
    void Reset();
}
