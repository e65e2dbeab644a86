namespace Care.Hermes.Population;

/// <summary>The daily counts Hermes keeps per region (issue 13, item 8).</summary>
public enum PopulationMeasure
{
    /// <summary>Wearers with a body temperature ≥ 38.0 °C that day.</summary>
    Fever = 1,

    /// <summary>Wearers whose resting heart rate that day was raised against their own baseline (see <see cref="PopulationCounter"/>).</summary>
    RaisedRestingHeartRate = 2,

    /// <summary>Atrial fibrillation episodes that started that day.</summary>
    NewAfEpisodes = 3,

    /// <summary>Exposure notifications given that day (from <see cref="IPopulationCounts"/>).</summary>
    ExposureNotifications = 4,
}
