namespace Care.Metabolic.Safety;

/// <summary>Why a dose was delivered as it was.</summary>
public enum DoseReason
{
    /// <summary>Delivered as the controller asked.</summary>
    ControllerDecision,

    /// <summary>Reduced by a governor limit (basal, bolus, insulin on board, hourly total) or an invalid request.</summary>
    GovernorClamp,

    /// <summary>Insulin suspended: low or predicted-low glucose.</summary>
    Suspend,

    /// <summary>Sensor fault (missing, stale, NaN, impossible jump, suspected compression low): scheduled basal or suspend, no bolus.</summary>
    SensorFallback,
}
