namespace Care.Hermes.Population;

/// <summary>One region's counts for one UTC day: raw, as stored; the public-health view suppresses small ones (<see cref="PopulationView"/>).</summary>
/// <param name="Region">The region.</param>
/// <param name="Day">The UTC day.</param>
/// <param name="Wearers">Wearers of the region counted that day (the denominator).</param>
/// <param name="Fever">Wearers with a temperature ≥ 38.0 °C.</param>
/// <param name="RaisedRestingHeartRate">Wearers with a resting heart rate raised against their own baseline.</param>
/// <param name="NewAfEpisodes">AF episodes that started that day.</param>
/// <param name="ExposureNotifications">Exposure notifications given that day.</param>
public sealed record RegionalDayCounts(string Region, DateOnly Day, long Wearers, long Fever, long RaisedRestingHeartRate, long NewAfEpisodes, long ExposureNotifications)
{
    /// <summary>The count of one measure.</summary>
    public long Of(PopulationMeasure measure) => measure switch
    {
        PopulationMeasure.Fever => Fever,
        PopulationMeasure.RaisedRestingHeartRate => RaisedRestingHeartRate,
        PopulationMeasure.NewAfEpisodes => NewAfEpisodes,
        PopulationMeasure.ExposureNotifications => ExposureNotifications,
        _ => throw new ArgumentOutOfRangeException(nameof(measure), measure, "unknown measure"),
    };
}
