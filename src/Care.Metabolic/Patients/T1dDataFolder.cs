namespace Care.Metabolic.Patients;

/// <summary>Finds the public <c>t1d</c> data folder (<c>shared/data/t1d</c>) at run time; the data is never copied into the repository.</summary>
public static class T1dDataFolder
{
    /// <summary>
    /// The folder: <c>$CARE_SHARED_DATA/t1d</c> when that variable is set, otherwise the first
    /// <c>shared/data/t1d</c> found walking up from <paramref name="start"/> (the current directory
    /// when null). Returns null when none exists.
    /// </summary>
    public static string? Locate(string? start = null)
    {
        var fromEnvironment = Environment.GetEnvironmentVariable("CARE_SHARED_DATA");
        if (!string.IsNullOrEmpty(fromEnvironment))
        {
            var path = Path.Combine(fromEnvironment, "t1d");
            return Directory.Exists(path) ? path : null;
        }
        for (var dir = new DirectoryInfo(start ?? Directory.GetCurrentDirectory()); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "data", "t1d");
            if (File.Exists(Path.Combine(candidate, "vpatient_params.csv")))
            {
                return candidate;
            }
        }
        return null;
    }
}
