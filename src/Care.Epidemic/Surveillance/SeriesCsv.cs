using System.Globalization;
using Care.Core.Errors;

namespace Care.Epidemic.Surveillance;

/// <summary>
/// Reads long-format series CSV (<c>dataset,week_index,observed,state</c>, as
/// <c>surveillance_pkg_series_52week.csv</c>). Each series must start at week 1 and run without gaps
/// or repeats; counts are non-negative integers and states 0 or 1. Any problem refuses the file with
/// <see cref="InvalidInputException"/> naming the file and line. Pure (takes the text).
/// </summary>
public static class SeriesCsv
{
    /// <summary>Largest text accepted, in characters.</summary>
    public const int MaxLength = 64 << 20;

    /// <summary>Parses <paramref name="text"/>; <paramref name="where"/> names it in errors.</summary>
    public static IReadOnlyList<SurveillanceSeries> Parse(string text, string where)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length > MaxLength)
        {
            throw new InvalidInputException(where, $"{text.Length} characters, more than the {MaxLength} limit");
        }
        var lines = text.Split('\n');
        if (lines[0].TrimEnd('\r') != "dataset,week_index,observed,state")
        {
            throw new InvalidInputException($"{where} line 1", "header must be 'dataset,week_index,observed,state'");
        }
        var order = new List<string>();
        var data = new Dictionary<string, (List<int> Counts, List<bool> States)>(StringComparer.Ordinal);
        for (var i = 1; i < lines.Length; i++)
        {
            var line = lines[i].TrimEnd('\r');
            if (line.Length == 0)
            {
                continue;
            }
            var at = $"{where} line {i + 1}";
            var f = line.Split(',');
            if (f.Length != 4)
            {
                throw new InvalidInputException(at, $"expected 4 comma-separated fields, found {f.Length}");
            }
            if (!int.TryParse(f[1], NumberStyles.None, CultureInfo.InvariantCulture, out var week))
            {
                throw new InvalidInputException(at, $"week_index '{f[1]}' is not a positive integer");
            }
            if (!int.TryParse(f[2], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var count) || count < 0)
            {
                throw new InvalidInputException(at, $"observed '{f[2]}' is not a non-negative integer count");
            }
            if (f[3] is not ("0" or "1"))
            {
                throw new InvalidInputException(at, $"state '{f[3]}' must be 0 or 1");
            }
            if (!data.TryGetValue(f[0], out var series))
            {
                series = ([], []);
                data[f[0]] = series;
                order.Add(f[0]);
            }
            var expected = series.Counts.Count + 1;
            if (week != expected)
            {
                throw new InvalidInputException(at, week < expected
                    ? $"week {week} of '{f[0]}' repeats or goes back (expected week {expected})"
                    : $"gap in '{f[0]}': week {week} follows week {expected - 1}");
            }
            series.Counts.Add(count);
            series.States.Add(f[3] == "1");
        }
        if (order.Count == 0)
        {
            throw new InvalidInputException(where, "no series rows");
        }
        return [.. order.Select(n => new SurveillanceSeries(n, data[n].Counts, data[n].States))];
    }
}
