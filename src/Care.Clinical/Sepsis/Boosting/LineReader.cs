using System.Globalization;
using Care.Core.Errors;

namespace Care.Clinical.Sepsis.Boosting;

/// <summary>Reads a line-oriented model file and reports problems as "source line N".</summary>
internal sealed class LineReader(TextReader reader, string source)
{
    private int _line;
    private string? _pending;

    public string Next()
    {
        _line++;
        if (_pending is { } pending)
        {
            _pending = null;
            return pending;
        }
        return reader.ReadLine() ?? throw new InvalidInputException($"{source} line {_line}", "unexpected end of model file");
    }

    /// <summary>Reads "key value" if the next line starts with the key; otherwise leaves the line for the next read.</summary>
    public string? OptionalKeyed(string key)
    {
        var line = Next();
        if (line.StartsWith(key + " ", StringComparison.Ordinal))
        {
            return line[(key.Length + 1)..];
        }
        _pending = line;
        _line--;
        return null;
    }

    public void Expect(string text)
    {
        if (Next() != text)
        {
            Fail($"expected '{text}'");
        }
    }

    public string Keyed(string key)
    {
        var line = Next();
        if (!line.StartsWith(key + " ", StringComparison.Ordinal))
        {
            Fail($"expected '{key} …'");
        }
        return line[(key.Length + 1)..];
    }

    public int Int(string key) => ParseInt(Keyed(key));

    public double Double(string key) => ParseDouble(Keyed(key));

    public string[] Fields(int count)
    {
        var parts = Next().Split(' ');
        if (parts.Length != count)
        {
            Fail($"expected {count} fields, found {parts.Length}");
        }
        return parts;
    }

    public int ParseInt(string s) =>
        int.TryParse(s, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int v) ? v : throw Error($"'{s}' is not an integer");

    public double ParseDouble(string s) =>
        double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) ? v : throw Error($"'{s}' is not a number");

    public void Fail(string problem) => throw Error(problem);

    private InvalidInputException Error(string problem) => new($"{source} line {_line}", problem);
}
