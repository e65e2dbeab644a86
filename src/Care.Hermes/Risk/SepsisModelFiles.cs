namespace Care.Hermes.Risk;

/// <summary>Finds the shipped sepsis model in a checkout: <c>models/</c> in the given folder or any folder above it.</summary>
public static class SepsisModelFiles
{
    /// <summary>The model for wearers (trained on the vital-sign inputs a patch supplies), preferred when present.</summary>
    public const string Vitals = "sepsis-vitals-v3.model";

    /// <summary>The model trained on all 40 Challenge inputs (vitals, laboratory values, demographics, ICU time).</summary>
    public const string Full = "sepsis-v2.model";

    /// <summary>
    /// The full path of <c>models/</c><see cref="Vitals"/>, else <c>models/</c><see cref="Full"/>, in
    /// <paramref name="start"/> or the nearest folder above it that has one; null when none is found.
    /// </summary>
    public static string? Locate(string start)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(start);
        foreach (string name in new[] { Vitals, Full })
        {
            for (var folder = new DirectoryInfo(start); folder is not null; folder = folder.Parent)
            {
                string candidate = Path.Combine(folder.FullName, "models", name);
                if (File.Exists(candidate))
                {
                    return candidate;
                }
            }
        }
        return null;
    }
}
