namespace Care.Clinical.Sepsis;

/// <summary>Level of a sepsis risk output.</summary>
public enum SepsisRiskLevel
{
    /// <summary>Below the elevated level.</summary>
    Low = 0,

    /// <summary>Below the alarm threshold but with odds at least half those at the threshold.</summary>
    Elevated = 1,

    /// <summary>At or above the alarm threshold chosen to maximise utility on training data: an alarm.</summary>
    High = 2,
}
