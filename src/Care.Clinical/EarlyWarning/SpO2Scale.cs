namespace Care.Clinical.EarlyWarning;

/// <summary>Which NEWS2 oxygen-saturation scale applies to a patient (RCP 2017).</summary>
public enum SpO2Scale
{
    /// <summary>The default scale (target 96 % and above).</summary>
    Scale1 = 1,

    /// <summary>
    /// For patients with hypercapnic respiratory failure and a prescribed target range of 88–92 %,
    /// decided by a clinician and recorded; never chosen automatically.
    /// </summary>
    Scale2 = 2,
}
