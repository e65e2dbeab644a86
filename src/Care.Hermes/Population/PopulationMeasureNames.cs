namespace Care.Hermes.Population;

/// <summary>The API and ledger names of <see cref="PopulationMeasure"/>.</summary>
public static class PopulationMeasureNames
{
    /// <summary>Every measure, in report order.</summary>
    public static IReadOnlyList<PopulationMeasure> All { get; } = [PopulationMeasure.Fever, PopulationMeasure.RaisedRestingHeartRate, PopulationMeasure.NewAfEpisodes, PopulationMeasure.ExposureNotifications];

    /// <summary>The name, e.g. <c>raised-resting-heart-rate</c>.</summary>
    public static string ToName(this PopulationMeasure measure) => measure switch
    {
        PopulationMeasure.Fever => "fever",
        PopulationMeasure.RaisedRestingHeartRate => "raised-resting-heart-rate",
        PopulationMeasure.NewAfEpisodes => "new-af-episodes",
        PopulationMeasure.ExposureNotifications => "exposure-notifications",
        _ => throw new ArgumentOutOfRangeException(nameof(measure), measure, "unknown measure"),
    };

    /// <summary>Parses a name; false when it is not one.</summary>
    public static bool TryParse(string? name, out PopulationMeasure measure)
    {
        foreach (var m in All)
        {
            if (string.Equals(m.ToName(), name, StringComparison.Ordinal))
            {
                measure = m;
                return true;
            }
        }
        measure = default;
        return false;
    }
}
