namespace Care.Cli.Hosting;

/// <summary>
/// Turns the file-system exceptions a command meets when a path given on the command line is
/// wrong (a folder where a file is expected, a missing file, no permission) into a one-line cause
/// for exit code 2, so that no command reports them as a failure with an exception name.
/// </summary>
internal static class FileProblem
{
    /// <summary>The cause in words, or null when <paramref name="exception"/> is not about a path the user gave.</summary>
    public static string? Describe(Exception exception) => exception switch
    {
        UnauthorizedAccessException e => QuotedPath(e.Message) is { } path
            ? Directory.Exists(path)
                ? $"'{path}' is a folder; give a file path"
                : $"'{path}' cannot be opened: permission denied"
            : "a file cannot be opened: permission denied",
        FileNotFoundException { FileName: { } name } => $"'{name}' does not exist",
        DirectoryNotFoundException e => QuotedPath(e.Message) is { } path
            ? $"'{path}': a folder on the way does not exist"
            : "a folder on the way does not exist",
        _ => null,
    };

    /// <summary>The runtime names the path in single quotes: "Access to the path '/tmp' is denied."</summary>
    private static string? QuotedPath(string message)
    {
        var start = message.IndexOf('\'', StringComparison.Ordinal);
        var end = message.LastIndexOf('\'');
        return start >= 0 && end > start + 1 ? message[(start + 1)..end] : null;
    }
}
