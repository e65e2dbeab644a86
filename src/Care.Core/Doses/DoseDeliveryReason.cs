namespace Care.Core.Doses;

/// <summary>
/// Why an insulin dose was delivered as it was. The numeric values are stored and must not change;
/// the wire names are in <see cref="DoseReasonNames"/>.
/// </summary>
public enum DoseDeliveryReason : byte
{
    /// <summary>Delivered as the controller asked (<c>controller-decision</c>).</summary>
    ControllerDecision = 1,

    /// <summary>Reduced by a safety limit (<c>governor-clamp</c>).</summary>
    GovernorClamp = 2,

    /// <summary>Insulin suspended for low or predicted-low glucose (<c>suspend</c>).</summary>
    Suspend = 3,

    /// <summary>Sensor fault: scheduled basal or suspend, no bolus (<c>sensor-fallback</c>).</summary>
    SensorFallback = 4,
}
