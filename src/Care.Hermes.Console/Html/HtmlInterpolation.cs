using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;

namespace Care.Hermes.Console.Html;

/// <summary>
/// The interpolated-string handler behind <see cref="HtmlText.Of"/>: literal template text is
/// appended as written, every formatted hole is HTML-encoded (invariant culture), except holes that
/// are already <see cref="HtmlText"/> or sequences of it. Not thread safe (a stack value).
/// </summary>
[InterpolatedStringHandler]
internal ref struct HtmlInterpolation
{
    private StringBuilder? _builder;

    /// <summary>Starts a handler for a template of <paramref name="literalLength"/> characters and <paramref name="formattedCount"/> holes.</summary>
    public HtmlInterpolation(int literalLength, int formattedCount) =>
        _builder = new StringBuilder(literalLength + (formattedCount * 16));

    /// <summary>Appends template text as it is.</summary>
    public readonly void AppendLiteral(string literal) => _builder!.Append(literal);

    /// <summary>Appends markup unchanged.</summary>
    public readonly void AppendFormatted(HtmlText html) => _builder!.Append(html.ToString());

    /// <summary>Appends each piece of markup unchanged.</summary>
    public readonly void AppendFormatted(IEnumerable<HtmlText> html)
    {
        foreach (var part in html)
        {
            _builder!.Append(part.ToString());
        }
    }

    /// <summary>Appends a value, formatted in the invariant culture and encoded.</summary>
    public readonly void AppendFormatted<T>(T value) => AppendFormatted(value, null);

    /// <summary>Appends a value formatted with <paramref name="format"/> in the invariant culture, encoded.</summary>
    public readonly void AppendFormatted<T>(T value, string? format)
    {
        // Overload resolution prefers this generic method for, e.g., a List<HtmlText>: markup is recognised here too.
        if (value is HtmlText html)
        {
            AppendFormatted(html);
            return;
        }
        if (value is IEnumerable<HtmlText> parts)
        {
            AppendFormatted(parts);
            return;
        }
        string text = value switch
        {
            null => string.Empty,
            IFormattable f => f.ToString(format, CultureInfo.InvariantCulture),
            _ => value.ToString() ?? string.Empty,
        };
        _builder!.Append(System.Net.WebUtility.HtmlEncode(text));
    }

    /// <summary>The markup built so far; the handler is spent afterwards.</summary>
    public string ToStringAndClear()
    {
        string text = _builder?.ToString() ?? string.Empty;
        _builder = null;
        return text;
    }
}
