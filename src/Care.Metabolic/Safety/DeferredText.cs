using System.Globalization;

namespace Care.Metabolic.Safety;

/// <summary>
/// A short explanation kept as a composite format and its arguments, formatted (invariant culture)
/// only when read: a closed loop writes one per control period and almost never reads it, so
/// nothing is formatted or allocated on the hot path. Immutable; the default value is empty text.
/// </summary>
public readonly record struct DeferredText
{
    private readonly string? _format;
    private readonly string? _text;
    private readonly double _a;
    private readonly double _b;
    private readonly double _c;
    private readonly int _arguments;

    /// <summary>A fixed text (no formatting).</summary>
    public DeferredText(string text)
    {
        _format = text;
    }

    /// <summary>
    /// A composite format with one text argument <c>{0}</c> (may be null) and up to three numbers
    /// <c>{1}</c>, <c>{2}</c>, <c>{3}</c>; an invalid format throws <see cref="FormatException"/> when read.
    /// </summary>
    public DeferredText(string format, string? text, double a = double.NaN, double b = double.NaN, double c = double.NaN)
    {
        _format = format;
        _text = text;
        _a = a;
        _b = b;
        _c = c;
        _arguments = 3;
    }

    /// <summary>True when there is no text.</summary>
    public bool IsEmpty => string.IsNullOrEmpty(_format);

    /// <summary>The formatted text ("" when empty).</summary>
    public override string ToString() => _format is null
        ? ""
        : _arguments == 0 ? _format : string.Format(CultureInfo.InvariantCulture, _format, _text, _a, _b, _c);

    /// <summary>A fixed text.</summary>
    public static implicit operator DeferredText(string text) => new(text);
}
