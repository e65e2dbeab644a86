namespace Care.Cardio.Pipeline;

/// <summary>The rhythms the pipeline reports.</summary>
public enum RhythmKind
{
    /// <summary>Not atrial fibrillation (sinus or any other rhythm).</summary>
    NotAf = 0,

    /// <summary>Atrial fibrillation.</summary>
    AtrialFibrillation = 1,
}

/// <summary>A rhythm change: the new rhythm holds from <paramref name="StartSample"/> on.</summary>
/// <param name="Rhythm">The new rhythm.</param>
/// <param name="StartSample">Where the new rhythm is judged to begin (the middle of the first window that showed it).</param>
/// <param name="DecidedAtSample">The sample at which the change was decided.</param>
public readonly record struct RhythmEvent(RhythmKind Rhythm, long StartSample, long DecidedAtSample);
