using System.CommandLine;
using Care.Cli.Hosting;
using Care.Core.Errors;

namespace Care.Cli.Ecg;

/// <summary>Resolves record paths and database folders given on the command line.</summary>
internal static class EcgPaths
{
    /// <summary>The record path without extension; accepts <c>100</c>, <c>dir/100</c> or <c>dir/100.hea</c>.</summary>
    public static string Record(string argument)
    {
        var path = argument.EndsWith(".hea", StringComparison.OrdinalIgnoreCase) ? argument[..^4] : argument;
        if (!File.Exists(path + ".hea"))
        {
            throw new InvalidInputException("RECORD", $"no header file '{path}.hea'");
        }
        return path;
    }

    /// <summary>
    /// Runs <paramref name="body"/> for records 0 … <paramref name="count"/> − 1 on all cores; a bad
    /// record's <see cref="InvalidInputException"/> comes out as itself (exit code 2), not wrapped.
    /// </summary>
    public static void ForEachRecord(int count, CancellationToken cancel, Action<int> body)
    {
        try
        {
            Parallel.For(0, count, new ParallelOptions { CancellationToken = cancel }, body);
        }
        catch (AggregateException e) when (e.InnerExceptions.OfType<InvalidInputException>().FirstOrDefault() is { } first)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(first).Throw();
        }
    }

    /// <summary>Checks that <paramref name="record"/> has signal <paramref name="signal"/>.</summary>
    public static int CheckSignal(Care.Cardio.Wfdb.WfdbRecord record, int signal)
    {
        if (signal < 0 || signal >= record.Header.SignalCount)
        {
            throw new InvalidInputException("--signal", $"record {record.Name} has signals 0 to {record.Header.SignalCount - 1}");
        }
        return signal;
    }

    /// <summary>
    /// <c>--data DIR</c>: the folder of reference WFDB records; left out, the MIT-BIH database in
    /// <c>shared/data/mitdb</c> found above the current folder (or under <c>$CARE_SHARED_DATA</c>).
    /// (<c>--db</c> is always the Hermes database.)
    /// </summary>
    public static Option<string?> DataOption(string what) => new("--data")
    {
        Description = $"{what} (default: shared/data/mitdb found above the current folder, or under ${SharedDataPaths.Variable})",
        HelpName = "DIR",
    };

    /// <summary>The folder <see cref="DataOption"/> names, or the located MIT-BIH database.</summary>
    public static string DataFolder(ParseResult parse, Option<string?> option) =>
        SharedDataPaths.Resolve(parse.GetValue(option), "--data", "mitdb");

    /// <summary>
    /// The records of database folder <paramref name="db"/> that have a header, a reference
    /// annotation file and match <paramref name="only"/> (all when null), in name order.
    /// </summary>
    public static IReadOnlyList<string> Records(string db, string? only)
    {
        if (!Directory.Exists(db))
        {
            throw new InvalidInputException("--data", $"folder '{db}' does not exist");
        }
        var present = Directory.EnumerateFiles(db, "*.hea")
            .Select(f => f[..^4])
            .Where(r => File.Exists(r + ".atr"))
            .OrderBy(r => Path.GetFileName(r), StringComparer.Ordinal)
            .ToList();
        if (only is null)
        {
            if (present.Count == 0)
            {
                throw new InvalidInputException("--data", $"folder '{db}' holds no record with both a .hea and an .atr file");
            }
            return present;
        }
        var wanted = only.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (wanted.Length == 0)
        {
            // An empty selection would score nothing and print a table of NaN.
            throw new InvalidInputException("--records", $"'{only}' names no record; give names such as 100,101 or leave the option out for every record");
        }
        var result = new List<string>();
        foreach (var name in wanted)
        {
            var match = present.FirstOrDefault(r => Path.GetFileName(r) == name)
                ?? throw new InvalidInputException("--records", $"record '{name}' is not in '{db}' (with .hea and .atr)");
            result.Add(match);
        }
        return result;
    }
}
