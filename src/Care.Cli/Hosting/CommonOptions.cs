using System.CommandLine;
using Care.Core.Storage;

namespace Care.Cli.Hosting;

/// <summary>Options several commands share, so they read and default the same everywhere.</summary>
public static class CommonOptions
{
    /// <summary><c>--db PATH</c>: the Hermes SQLite database; defaults to <see cref="CarePaths.DefaultDatabase"/>.</summary>
    public static Option<string> Database() => new("--db")
    {
        Description = $"The Hermes SQLite database (${CarePaths.DatabaseVariable} when set)",
        DefaultValueFactory = _ => CarePaths.DefaultDatabase,
        HelpName = "PATH",
    };

    /// <summary><c>--json</c>: print one JSON object instead of tables.</summary>
    public static Option<bool> Json() => new("--json")
    {
        Description = "Print the result as one JSON object on stdout (progress and notes go to stderr)",
    };
}
