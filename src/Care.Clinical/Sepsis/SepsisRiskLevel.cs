namespace Care.Clinical.Sepsis;

/// <summary>Level of a sepsis risk output.</summary>
public enum SepsisRiskLevel
{
    /// <summary>Below the elevated level.</summary>
    Low = 0,

    /// <summary>Calibrated probability at least twice the calibration set's rate of label-positive hours, no alarm.</summary>
    Elevated = 1,

    /// <summary>At or above the alarm threshold chosen to maximise utility on training data: an alarm.</summary>
    High = 2,
}
