using Care.Core.Errors;
using Care.Hermes.Risk;

namespace Care.Cli.Hosting;

/// <summary>The <c>--model</c> option of <c>care demo</c> and <c>care serve</c>: which sepsis model Hermes runs.</summary>
internal static class ModelOption
{
    /// <summary>
    /// The model file to use: <paramref name="value"/> when given (it must exist), null for <c>none</c>,
    /// otherwise the shipped model found in or above the current folder or the program's folder (null when none is).
    /// </summary>
    public static string? ResolvePath(string? value, string option)
    {
        if (string.Equals(value, "none", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }
        if (value is not null)
        {
            return File.Exists(value) ? Path.GetFullPath(value) : throw new InvalidInputException(option, $"'{value}' does not exist");
        }
        return SepsisModelFiles.Locate(Directory.GetCurrentDirectory()) ?? SepsisModelFiles.Locate(AppContext.BaseDirectory);
    }

    /// <summary>Loads the model <see cref="ResolvePath"/> chooses, or null.</summary>
    public static SepsisRiskScoring? Load(string? value, string option) =>
        ResolvePath(value, option) is { } path ? SepsisRiskScoring.Load(path) : null;
}
