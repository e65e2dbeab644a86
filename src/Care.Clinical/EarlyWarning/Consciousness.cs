namespace Care.Clinical.EarlyWarning;

/// <summary>Level of consciousness on the ACVPU scale used by NEWS2 (RCP 2017).</summary>
public enum Consciousness
{
    /// <summary>Alert.</summary>
    Alert = 0,

    /// <summary>New confusion (or new disorientation or agitation).</summary>
    NewConfusion = 1,

    /// <summary>Responds to voice.</summary>
    Voice = 2,

    /// <summary>Responds to pain.</summary>
    Pain = 3,

    /// <summary>Unresponsive.</summary>
    Unresponsive = 4,
}
