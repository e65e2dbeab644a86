using System.Globalization;
using Care.Core.Errors;

namespace Care.Metabolic.Patients;

/// <summary>A small comma-separated table with a header row, read whole (the parameter files are a few kB).</summary>
internal sealed class CsvTable
{
    private readonly Dictionary<string, int> _columns;
    private readonly List<string[]> _rows;

    private CsvTable(string path, Dictionary<string, int> columns, List<string[]> rows)
    {
        Path = path;
        _columns = columns;
        _rows = rows;
    }

    public string Path { get; }

    public int RowCount => _rows.Count;

    public static CsvTable Read(string path)
    {
        if (Directory.Exists(path))
        {
            throw new InvalidInputException(path, "is a folder, not a file");
        }
        if (!File.Exists(path))
        {
            throw new InvalidInputException(path, "file not found");
        }
        var lines = File.ReadAllLines(path).Where(l => l.Length > 0).ToList();
        if (lines.Count == 0)
        {
            throw new InvalidInputException(path, "file is empty (expected a header row)");
        }
        var header = lines[0].Split(',');
        var columns = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < header.Length; i++)
        {
            columns[header[i].Trim()] = i;
        }
        var rows = new List<string[]>();
        for (var i = 1; i < lines.Count; i++)
        {
            var cells = lines[i].Split(',');
            if (cells.Length != header.Length)
            {
                throw new InvalidInputException($"{path} line {i + 1}", $"has {cells.Length} cells, header has {header.Length}");
            }
            rows.Add(cells);
        }
        return new CsvTable(path, columns, rows);
    }

    public string Text(int row, string column) => _rows[row][Column(column)].Trim();

    /// <summary>The number in <paramref name="column"/> of data row <paramref name="row"/>, refused when not finite.</summary>
    public double Number(int row, string column)
    {
        var text = Text(row, column);
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value))
        {
            throw new InvalidInputException($"{Path} line {row + 2} column '{column}'", $"'{text}' is not a finite number");
        }
        return value;
    }

    /// <summary>
    /// <see cref="Number"/> of a virtual-patient parameter, refused with its file, line and column
    /// when outside the parameter's <see cref="ParameterRanges"/> range.
    /// </summary>
    public double Plausible(int row, string column)
    {
        var value = Number(row, column);
        var range = ParameterRanges.For(column);
        if (!range.Contains(value))
        {
            throw new InvalidInputException(
                $"{Path} line {row + 2} column '{column}'",
                $"{Text(row, column)} {range.Unit} is outside the plausible range {range.Min:G} to {range.Max:G}");
        }
        return value;
    }

    private int Column(string name) =>
        _columns.TryGetValue(name, out var index)
            ? index
            : throw new InvalidInputException(Path, $"column '{name}' is missing");
}
