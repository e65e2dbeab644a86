namespace Care.Metabolic.Scenarios;

/// <summary>The named scenarios of <c>care eval t1d --scenario</c>.</summary>
public enum ScenarioKind
{
    /// <summary>MODEL.md random daily meals; main meals announced exactly, snacks unannounced.</summary>
    Standard,

    /// <summary>As standard, but one main meal a day (chosen at random) is never announced.</summary>
    MissedBolus,

    /// <summary>As standard, but main meals are announced as 1.2–1.6× their true carbohydrate.</summary>
    CarbOverestimate,

    /// <summary>As standard, plus CGM dropouts, a nightly compression low and spikes.</summary>
    SensorFaults,

    /// <summary>As standard, plus a daily afternoon exercise bout that raises insulin sensitivity.</summary>
    Exercise,

    /// <summary>As standard, plus the dawn phenomenon: endogenous glucose production up to +25 % around 06:00.</summary>
    Dawn,
}
