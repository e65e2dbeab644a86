using System.Globalization;
using System.Text.RegularExpressions;
using Care.Core.Errors;
using Microsoft.AspNetCore.Http;

namespace Care.Hermes.Interop.Nightscout;

/// <summary>
/// A Nightscout v1 query: <c>count</c> and <c>find[field]</c> / <c>find[field][$op]</c> filters
/// (<c>$gte $gt $lte $lt $eq</c>) on time and value, with the v1 defaults: 10 documents, newest first,
/// and, when no time filter is given, only the last 4 days (<see cref="DefaultAge"/>).
/// </summary>
/// <param name="Count">How many documents at most (1–100,000).</param>
/// <param name="From">Earliest time included.</param>
/// <param name="To">First time excluded, or unbounded.</param>
/// <param name="ValueMin">Lowest value included (sgv in mg/dL, or a treatment's insulin), or none.</param>
/// <param name="ValueMax">Highest value included, or none.</param>
/// <param name="Type">Only this document type (<c>sgv</c> for entries, an event type for treatments), or any.</param>
public sealed partial record NightscoutFilter(int Count, DateTimeOffset From, DateTimeOffset? To, double? ValueMin, double? ValueMax, string? Type)
{
    /// <summary>Nightscout's default count (<c>ENTRIES_DEFAULT_COUNT</c>).</summary>
    public const int DefaultCount = 10;

    /// <summary>The most documents one request returns.</summary>
    public const int MaxCount = 100_000;

    /// <summary>Nightscout's default look-back when a query names no time (<c>deltaAgo</c> = 2 × two days).</summary>
    public static readonly TimeSpan DefaultAge = TimeSpan.FromDays(4);

    /// <summary>
    /// Reads the filter from a request's query. <paramref name="timeFields"/> are the names that filter on
    /// time (<c>date</c>, <c>dateString</c> for entries; <c>created_at</c> for treatments); <paramref name="valueField"/>
    /// the one that filters on value; <paramref name="typeField"/> the one that filters on type.
    /// </summary>
    /// <exception cref="InvalidInputException">A parameter is malformed or names a field Care cannot filter on (named).</exception>
    public static NightscoutFilter Parse(IQueryCollection query, DateTimeOffset now, string[] timeFields, string valueField, string typeField)
    {
        ArgumentNullException.ThrowIfNull(query);
        int count = DefaultCount;
        DateTimeOffset? from = null, to = null;
        double? min = null, max = null;
        string? type = null;
        foreach (var (key, values) in query)
        {
            string value = values.ToString();
            if (key == "count")
            {
                count = int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out int n) && n is >= 1 and <= MaxCount
                    ? n : throw new InvalidInputException("count", $"'{value}' is not a whole number from 1 to {MaxCount}");
                continue;
            }
            if (key is "token" or "_" || !key.StartsWith("find", StringComparison.Ordinal))
            {
                continue;
            }
            var match = FindPattern().Match(key);
            if (!match.Success)
            {
                throw new InvalidInputException(key, "is not a filter Care reads; write find[field] or find[field][$gte|$gt|$lte|$lt|$eq]");
            }
            string field = match.Groups["field"].Value;
            string op = match.Groups["op"].Success ? match.Groups["op"].Value : "eq";
            if (timeFields.Contains(field))
            {
                var t = Time(value, key);
                switch (op)
                {
                    case "gte": from = Later(from, t); break;
                    case "gt": from = Later(from, t.AddMilliseconds(1)); break;
                    case "lte": to = Earlier(to, t.AddMilliseconds(1)); break;
                    case "lt": to = Earlier(to, t); break;
                    default: from = Later(from, t); to = Earlier(to, t.AddMilliseconds(1)); break;
                }
            }
            else if (field == valueField)
            {
                double v = double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out double d) && double.IsFinite(d)
                    ? d : throw new InvalidInputException(key, $"'{value}' is not a number");
                switch (op)
                {
                    case "gte": min = Math.Max(min ?? v, v); break;
                    case "gt": min = Math.Max(min ?? v, Math.BitIncrement(v)); break;
                    case "lte": max = Math.Min(max ?? v, v); break;
                    case "lt": max = Math.Min(max ?? v, Math.BitDecrement(v)); break;
                    default: min = v; max = v; break;
                }
            }
            else if (field == typeField && op == "eq")
            {
                type = value;
            }
            else
            {
                throw new InvalidInputException(key, $"Care filters on {string.Join(", ", timeFields)}, {valueField} and {typeField}, not '{field}' with ${op}");
            }
        }
        // v1 default: a query that names no time reads the last 4 days only.
        return new NightscoutFilter(count, from ?? now - DefaultAge, to, min, max, type);
    }

    /// <summary>A time as Nightscout clients send it: epoch milliseconds, or ISO 8601 (a space standing for an unescaped '+').</summary>
    public static DateTimeOffset Time(string value, string where)
    {
        if (long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long ms))
        {
            return ms is >= 0 and <= 253_402_300_799_999 ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : throw new InvalidInputException(where, $"{ms} is not an epoch time in milliseconds");
        }
        string iso = value.Replace(' ', '+');
        return DateTimeOffset.TryParse(iso, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var t)
            ? t : throw new InvalidInputException(where, $"'{value}' is neither epoch milliseconds nor an ISO 8601 time");
    }

    /// <summary>True when <paramref name="value"/> passes the value bounds.</summary>
    public bool Admits(double value) => (ValueMin is not double lo || value >= lo) && (ValueMax is not double hi || value <= hi);

    private static DateTimeOffset Later(DateTimeOffset? a, DateTimeOffset b) => a is { } x && x > b ? x : b;

    private static DateTimeOffset Earlier(DateTimeOffset? a, DateTimeOffset b) => a is { } x && x < b ? x : b;

    [GeneratedRegex(@"^find\[(?<field>[A-Za-z_]+)\](\[\$(?<op>gte|gt|lte|lt|eq)\])?$", RegexOptions.CultureInvariant)]
    private static partial Regex FindPattern();
}
