namespace Care.Hermes.Alerts;

/// <summary>The names of alert kinds as Hermes's API and reports spell them.</summary>
public static class AlertKindNames
{
    /// <summary><c>news2</c> or <c>sepsis-model</c>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Not a defined kind.</exception>
    public static string ToName(this AlertKind kind) => kind switch
    {
        AlertKind.News2 => "news2",
        AlertKind.SepsisModel => "sepsis-model",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "not an alert kind"),
    };

    /// <summary>Parses a name written by <see cref="ToName"/>; false for anything else.</summary>
    public static bool TryParse(string? name, out AlertKind kind)
    {
        foreach (var candidate in Enum.GetValues<AlertKind>())
        {
            if (string.Equals(candidate.ToName(), name, StringComparison.Ordinal))
            {
                kind = candidate;
                return true;
            }
        }
        kind = default;
        return false;
    }
}
