using Care.Core.Errors;

namespace Care.Hermes.Cluster.Schema;

/// <summary>
/// Orleans's ADO.NET setup scripts for PostgreSQL, read at run time from a folder (by default
/// <c>../shared/vendor/orleans-adonet-postgresql/</c>, see its <c>SOURCE.md</c>): Orleans's packages do
/// not ship them, and Care does not copy them into its repository. Only the two the cluster needs are
/// read: <see cref="MainFile"/> (the query table every provider reads) and <see cref="ClusteringFile"/>.
/// Immutable.
/// </summary>
public sealed class OrleansSqlScripts
{
    /// <summary>The query table every ADO.NET provider reads its statements from; run first.</summary>
    public const string MainFile = "PostgreSQL-Main.sql";

    /// <summary>The membership tables and queries.</summary>
    public const string ClusteringFile = "PostgreSQL-Clustering.sql";

    /// <summary>The largest script accepted (the real ones are under 10 kB).</summary>
    public const int MaxBytes = 1024 * 1024;

    private OrleansSqlScripts(string directory, string main, string clustering)
    {
        Directory = directory;
        Main = main;
        Clustering = clustering;
    }

    /// <summary>The folder the scripts were read from (full path).</summary>
    public string Directory { get; }

    /// <summary>The text of <see cref="MainFile"/>.</summary>
    public string Main { get; }

    /// <summary>The text of <see cref="ClusteringFile"/>.</summary>
    public string Clustering { get; }

    /// <summary>Reads both scripts from <paramref name="directory"/>.</summary>
    /// <param name="directory">The folder holding Orleans's PostgreSQL scripts.</param>
    /// <param name="option">The option or setting that named the folder, for messages (e.g. <c>--orleans-sql</c>).</param>
    /// <exception cref="InvalidInputException">The folder or a script is missing, empty, too large, or does not look like Orleans's script (named with its path).</exception>
    public static OrleansSqlScripts Load(string directory, string option = "--orleans-sql")
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        string full = Path.GetFullPath(directory);
        if (!System.IO.Directory.Exists(full))
        {
            throw new InvalidInputException(option, $"the Orleans SQL scripts folder '{full}' does not exist; give the folder holding {MainFile} and {ClusteringFile} (e.g. ../shared/vendor/orleans-adonet-postgresql)");
        }
        return new OrleansSqlScripts(full,
            Read(full, MainFile, "CREATE TABLE OrleansQuery", option),
            Read(full, ClusteringFile, "OrleansMembershipTable", option));
    }

    private static string Read(string directory, string name, string marker, string option)
    {
        string path = Path.Combine(directory, name);
        var info = new FileInfo(path);
        if (!info.Exists)
        {
            throw new InvalidInputException(option, $"'{path}' is missing: Orleans's PostgreSQL setup scripts are read from this folder, never bundled with Care");
        }
        if (info.Length == 0 || info.Length > MaxBytes)
        {
            throw new InvalidInputException(option, $"'{path}' is {info.Length} bytes; expected Orleans's script (1 byte to {MaxBytes} bytes)");
        }
        string text = File.ReadAllText(path);
        if (!text.Contains(marker, StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidInputException(option, $"'{path}' does not mention {marker}; it is not Orleans's {name}");
        }
        return text;
    }
}
