namespace Care.Simulation.Demo;

/// <summary>What the insulin loop of a diabetic wearer's new patch starts from at a swap.</summary>
public enum LearnedStateMode
{
    /// <summary>
    /// Every new patch is a new device that starts from the old patch's learned state, sealed by the
    /// old patch for the new one and loaded by it (ADR 0018): the field's behaviour.
    /// </summary>
    Transfer = 0,

    /// <summary>Every new patch starts as a stranger to the wearer: questionnaire settings only, no memory.</summary>
    Stranger = 1,

    /// <summary>
    /// The loop carries on in memory as if one patch stayed on for the whole run (the demo before
    /// ADR 0018); only the cartridge is replaced at each swap. The reference the transfer must match.
    /// </summary>
    OnePatch = 2,
}
