namespace Care.Hermes.Console.Html;

/// <summary>
/// Markup that is safe to write into a page: it was built only from literal template text and
/// HTML-encoded values (see <see cref="HtmlInterpolation"/>). There is no way to make one from an
/// arbitrary string except <see cref="Encode"/>, so text from a device or a user cannot reach a
/// page unencoded. Immutable.
/// </summary>
internal readonly struct HtmlText
{
    private readonly string? _value;

    private HtmlText(string value) => _value = value;

    /// <summary>No markup.</summary>
    public static HtmlText Empty => default;

    /// <summary>The markup.</summary>
    public override string ToString() => _value ?? string.Empty;

    /// <summary>Builds markup from an interpolated string: literal parts are kept, every hole is encoded (other <see cref="HtmlText"/> holes are kept as they are).</summary>
    public static HtmlText Of(ref HtmlInterpolation html) => new(html.ToStringAndClear());

    /// <summary>Encodes <paramref name="text"/> for element content and quoted attribute values.</summary>
    public static HtmlText Encode(string? text) => new(System.Net.WebUtility.HtmlEncode(text ?? string.Empty));

    /// <summary>Joins pieces of markup.</summary>
    public static HtmlText Join(IEnumerable<HtmlText> parts) => new(string.Concat(parts.Select(p => p.ToString())));

    /// <summary>
    /// A JSON data island, <c>&lt;script type="application/json" id="…"&gt;</c>, that page scripts read
    /// with <c>JSON.parse</c> (it is never executed). The serializer's default encoder escapes
    /// <c>&lt;</c>, <c>&gt;</c>, <c>&amp;</c> and quotes as <c>\uXXXX</c>, so no value can close the element.
    /// </summary>
    public static HtmlText JsonIsland(string id, object value)
    {
        string json = System.Text.Json.JsonSerializer.Serialize(value, IslandOptions);
        return new($"<script type=\"application/json\" id=\"{System.Net.WebUtility.HtmlEncode(id)}\">{json}</script>");
    }

    private static readonly System.Text.Json.JsonSerializerOptions IslandOptions = new(System.Text.Json.JsonSerializerDefaults.Web);

    /// <summary>Wraps text that is markup by construction (a caller that built it only from <see cref="HtmlText"/> pieces).</summary>
    internal static HtmlText Trusted(string markup) => new(markup);
}
