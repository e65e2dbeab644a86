namespace Care.Testing;

/// <summary>
/// Finds <c>../shared/data</c> (the public data sets beside the repository) for tests that need
/// real data. In a user's fresh clone it may be absent: such tests call <see cref="RequireFolder"/>
/// and are skipped with the reason; in CI it is present and they run.
/// </summary>
internal static class SharedData
{
    private static readonly Lazy<string?> Root = new(Locate);

    /// <summary>The <c>shared/data</c> folder, or null when it is not beside the repository.</summary>
    public static string? RootOrNull => Root.Value;

    /// <summary>The path of <paramref name="folder"/> under <c>shared/data</c>; skips the test when absent.</summary>
    public static string RequireFolder(string folder)
    {
        var root = Root.Value;
        var path = root is null ? null : Path.Combine(root, folder);
        if (path is null || !Directory.Exists(path))
        {
            string reason = $"shared data folder '{folder}' is not present (expected ../shared/data/{folder} beside the repository, or CARE_SHARED_DATA)";
            // Skip reasons are not printed by `dotnet test`'s default logger; a diagnostic message is.
            TestContext.Current.SendDiagnosticMessage($"{TestContext.Current.Test?.TestDisplayName}: skipped: {reason}");
            Assert.Skip(reason);
        }
        return path!;
    }

    private static string? Locate()
    {
        var fromEnvironment = Environment.GetEnvironmentVariable("CARE_SHARED_DATA");
        if (!string.IsNullOrEmpty(fromEnvironment))
        {
            return Directory.Exists(fromEnvironment) ? fromEnvironment : null;
        }
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "data");
            if (Directory.Exists(candidate) && dir.GetDirectories("shared").Length == 1 && File.Exists(Path.Combine(candidate, "README.md")))
            {
                return candidate;
            }
        }
        return null;
    }
}
