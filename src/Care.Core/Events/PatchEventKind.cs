namespace Care.Core.Events;

/// <summary>The kinds of event a patch reports (wire names in <see cref="PatchEventKinds"/>).</summary>
public enum PatchEventKind
{
    /// <summary>An episode of atrial fibrillation (an interval).</summary>
    AtrialFibrillation = 1,

    /// <summary>A run of consecutive ventricular beats (value: beats in the run).</summary>
    VentricularRun = 2,

    /// <summary>A pause: an RR interval far longer than the rhythm around it (value: seconds).</summary>
    Pause = 3,
}
