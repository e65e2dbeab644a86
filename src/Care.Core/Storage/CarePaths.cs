namespace Care.Core.Storage;

/// <summary>Where Care keeps its files when the user does not say.</summary>
public static class CarePaths
{
    /// <summary>The environment variable that names the default Hermes database for every command.</summary>
    public const string DatabaseVariable = "CARE_DB";

    /// <summary>
    /// The default SQLite database: <c>$CARE_DB</c> when that variable is set and not empty, otherwise
    /// <c>care/care.db</c> under the user's local data directory (<c>~/.local/share</c> on Linux).
    /// Every command that takes <c>--db</c> defaults to it.
    /// </summary>
    public static string DefaultDatabase =>
        Environment.GetEnvironmentVariable(DatabaseVariable) is { Length: > 0 } chosen
            ? Path.GetFullPath(chosen)
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.Create), "care", "care.db");
}
