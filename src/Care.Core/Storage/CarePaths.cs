namespace Care.Core.Storage;

/// <summary>Where Care keeps its files when the user does not say.</summary>
public static class CarePaths
{
    /// <summary>
    /// The default SQLite database: <c>care/care.db</c> under the user's local data directory
    /// (<c>~/.local/share</c> on Linux). Every command that takes <c>--db</c> defaults to it.
    /// </summary>
    public static string DefaultDatabase =>
        Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.Create), "care", "care.db");
}
