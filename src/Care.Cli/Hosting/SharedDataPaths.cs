using Care.Core.Errors;

namespace Care.Cli.Hosting;

/// <summary>
/// Finds public reference data (<c>shared/data/…</c>) for the commands whose data option may be
/// left out, the same way everywhere: <c>$CARE_SHARED_DATA/…</c> when that variable is set,
/// otherwise the first <c>shared/data/…</c> found walking up from the current folder. The data is
/// read where it lies, never copied.
/// </summary>
public static class SharedDataPaths
{
    /// <summary>The environment variable naming the shared data folder (the one holding <c>mitdb</c>, <c>t1d</c>, …).</summary>
    public const string Variable = "CARE_SHARED_DATA";

    /// <summary>
    /// The file or folder <paramref name="relative"/> (e.g. <c>sepsis2019/training_setA.tar.gz</c>) under the shared data, or null;
    /// searched upwards from <paramref name="start"/>, or from the current folder and then the program's.
    /// </summary>
    public static string? Locate(string relative, string? start = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(relative);
        if (Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } root)
        {
            var chosen = Path.Combine(root, relative);
            return Exists(chosen) ? chosen : null;
        }
        foreach (var from in start is null ? [Directory.GetCurrentDirectory(), AppContext.BaseDirectory] : new[] { start })
        {
            for (var dir = new DirectoryInfo(from); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "shared", "data", relative);
                if (Exists(candidate))
                {
                    return candidate;
                }
            }
        }
        return null;
    }

    /// <summary>
    /// <paramref name="given"/> when the user gave it, otherwise the located default; a clear
    /// <see cref="InvalidInputException"/> on <paramref name="option"/> when neither exists.
    /// </summary>
    public static string Resolve(string? given, string option, string relative) =>
        given ?? Locate(relative)
        ?? throw new InvalidInputException(option, $"not given, and shared/data/{relative} was not found above the current folder (set ${Variable} to the folder holding it, or pass {option})");

    /// <summary>
    /// The data folder <paramref name="given"/> (which must exist) or, left out, the located
    /// <c>shared/data/<paramref name="relative"/></c>; errors name <c>--data</c>.
    /// </summary>
    public static string Folder(string? given, string relative)
    {
        if (!string.IsNullOrEmpty(given))
        {
            return Directory.Exists(given) ? given : throw new InvalidInputException("--data", $"folder '{given}' does not exist");
        }
        return Resolve(null, "--data", relative);
    }

    private static bool Exists(string path) => File.Exists(path) || Directory.Exists(path);
}
