namespace Care.Clinical.EarlyWarning;

/// <summary>The names of NEWS2 levels as Care's API and reports spell them.</summary>
public static class News2LevelNames
{
    /// <summary>low, low-medium, medium or high.</summary>
    public static string ToName(this News2Level level) => level switch
    {
        News2Level.Low => "low",
        News2Level.LowMedium => "low-medium",
        News2Level.Medium => "medium",
        News2Level.High => "high",
        _ => throw new ArgumentOutOfRangeException(nameof(level), level, "not a NEWS2 level"),
    };

    /// <summary>Parses a name written by <see cref="ToName"/>; false for anything else.</summary>
    public static bool TryParse(string? name, out News2Level level)
    {
        foreach (var candidate in Enum.GetValues<News2Level>())
        {
            if (string.Equals(candidate.ToName(), name, StringComparison.Ordinal))
            {
                level = candidate;
                return true;
            }
        }
        level = default;
        return false;
    }
}
