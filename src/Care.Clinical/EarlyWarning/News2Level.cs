namespace Care.Clinical.EarlyWarning;

/// <summary>The clinical risk level of a NEWS2 score and the response it triggers (RCP 2017, chart 2).</summary>
public enum News2Level
{
    /// <summary>Aggregate 0–4 with no single parameter scoring 3: ward-based response.</summary>
    Low = 0,

    /// <summary>A single parameter scoring 3 (aggregate 0–4): urgent ward-based response.</summary>
    LowMedium = 1,

    /// <summary>Aggregate 5–6: key threshold for urgent response.</summary>
    Medium = 2,

    /// <summary>Aggregate 7 or more: urgent or emergency response.</summary>
    High = 3,
}
