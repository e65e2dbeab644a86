using Care.Core.Errors;

namespace Care.Cli.Rna;

/// <summary>A tab-separated reference table with one header line; every row must have every column.</summary>
internal sealed class TsvTable
{
    private readonly Dictionary<string, int> _columns;

    private TsvTable(string path, Dictionary<string, int> columns, List<(int Line, string[] Cells)> rows)
    {
        Path = path;
        _columns = columns;
        Rows = rows;
    }

    public string Path { get; }

    public IReadOnlyList<(int Line, string[] Cells)> Rows { get; }

    public static TsvTable Read(string path, params string[] required)
    {
        if (!File.Exists(path))
        {
            throw new InvalidInputException(path, "file not found");
        }
        var lines = File.ReadAllLines(path);
        if (lines.Length == 0)
        {
            throw new InvalidInputException(path, "line 1: empty file, expected a header line");
        }
        var header = lines[0].Split('\t');
        var columns = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var k = 0; k < header.Length; k++)
        {
            if (!columns.TryAdd(header[k], k))
            {
                throw new InvalidInputException(path, $"line 1: column '{header[k]}' appears twice");
            }
        }
        foreach (var name in required)
        {
            if (!columns.ContainsKey(name))
            {
                throw new InvalidInputException(path, $"line 1: column '{name}' is missing");
            }
        }
        var rows = new List<(int, string[])>();
        for (var n = 1; n < lines.Length; n++)
        {
            if (lines[n].Length == 0)
            {
                continue;
            }
            var cells = lines[n].Split('\t');
            if (cells.Length != header.Length)
            {
                throw new InvalidInputException(path, $"line {n + 1}: {cells.Length} columns, the header has {header.Length}");
            }
            rows.Add((n + 1, cells));
        }
        return new TsvTable(path, columns, rows);
    }

    public string Cell((int Line, string[] Cells) row, string column) => row.Cells[_columns[column]];

    public int Dcal((int Line, string[] Cells) row, string column)
    {
        var text = Cell(row, column);
        if (!decimal.TryParse(text, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var kcal))
        {
            throw new InvalidInputException(Path, $"line {row.Line}: column '{column}': '{text}' is not a number");
        }
        return (int)Math.Round(kcal * 100m);
    }
}
