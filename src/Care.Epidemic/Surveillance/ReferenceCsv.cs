using System.Globalization;
using Care.Core.Errors;

namespace Care.Epidemic.Surveillance;

/// <summary>
/// Reads the reference outputs of R <c>surveillance</c> (<c>reference_outputs/*.csv</c>): the columns
/// <c>dataset, method, week_index, upperbound, alarm</c> are used, others ignored; <c>NA</c> is NaN / null.
/// Malformed rows are refused with file and line.
/// </summary>
public static class ReferenceCsv
{
    /// <summary>Parses <paramref name="text"/>; <paramref name="where"/> names it in errors.</summary>
    public static IReadOnlyList<ReferenceRow> Parse(string text, string where)
    {
        ArgumentNullException.ThrowIfNull(text);
        var lines = text.Split('\n');
        var header = lines[0].TrimEnd('\r').Split(',');
        int Col(string name)
        {
            var i = Array.IndexOf(header, name);
            return i >= 0 ? i : throw new InvalidInputException($"{where} line 1", $"no '{name}' column");
        }
        int cd = Col("dataset"), cm = Col("method"), cw = Col("week_index"), cu = Col("upperbound"), ca = Col("alarm");
        var rows = new List<ReferenceRow>(lines.Length);
        for (var i = 1; i < lines.Length; i++)
        {
            var line = lines[i].TrimEnd('\r');
            if (line.Length == 0)
            {
                continue;
            }
            var f = line.Split(',');
            var at = $"{where} line {i + 1}";
            if (f.Length != header.Length)
            {
                throw new InvalidInputException(at, $"expected {header.Length} fields, found {f.Length}");
            }
            if (!int.TryParse(f[cw], NumberStyles.None, CultureInfo.InvariantCulture, out var week))
            {
                throw new InvalidInputException(at, $"week_index '{f[cw]}' is not a positive integer");
            }
            double bound;
            if (f[cu] == "NA")
            {
                bound = double.NaN;
            }
            else if (!double.TryParse(f[cu], NumberStyles.Float, CultureInfo.InvariantCulture, out bound))
            {
                throw new InvalidInputException(at, $"upperbound '{f[cu]}' is not a number or NA");
            }
            bool? alarm = f[ca] switch
            {
                "NA" => null,
                "0" => false,
                "1" => true,
                _ => throw new InvalidInputException(at, $"alarm '{f[ca]}' must be 0, 1 or NA"),
            };
            rows.Add(new ReferenceRow(f[cd], f[cm], week, bound, alarm));
        }
        return rows;
    }
}
