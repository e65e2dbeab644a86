namespace Care.Metabolic.Control;

/// <summary>
/// What a dosing controller sees at one control step. A patch runtime builds it from its CGM and
/// the wearer's meal announcements; the simulator builds it from its sensor and scenario.
/// </summary>
/// <param name="Time">Now (from the runtime's <see cref="TimeProvider"/>).</param>
/// <param name="CgmMgPerDl">The latest CGM reading in mg/dL; NaN when the sensor gave none.</param>
/// <param name="CgmTime">When <paramref name="CgmMgPerDl"/> was taken; staleness is <c>Time - CgmTime</c>.</param>
/// <param name="AnnouncedCarbsGrams">Carbohydrate the wearer announced since the last step (g, ≥ 0; 0 when none).</param>
/// <param name="Period">The control period: how long the decision is held.</param>
public readonly record struct ControllerInput(
    DateTimeOffset Time,
    double CgmMgPerDl,
    DateTimeOffset CgmTime,
    double AnnouncedCarbsGrams,
    TimeSpan Period)
{
    /// <summary>
    /// The reference simulator's view for its own basal-bolus therapy (MODEL.md section 8): the
    /// grams of every meal begun in the last period, exactly, and the period-mean CGM. Only
    /// the basal-bolus reference controller reads these; a real device has neither.
    /// </summary>
    public double SimulatorMealGrams { get; init; }

    /// <summary>The period-mean of the held CGM output (MODEL.md section 8); NaN when unknown.</summary>
    public double SimulatorMeanCgmMgPerDl { get; init; } = double.NaN;
}
