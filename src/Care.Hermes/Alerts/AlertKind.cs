namespace Care.Hermes.Alerts;

/// <summary>What raised an alert. The numeric values are stored and must not change.</summary>
public enum AlertKind
{
    /// <summary>The continuous NEWS2 rule on 15-minute medians of patch vitals.</summary>
    News2 = 0,

    /// <summary>The sepsis model (gradient-boosted trees trained on ICU data) on hourly patch vitals.</summary>
    SepsisModel = 1,
}
