using System.Globalization;
using Care.Core.Errors;
using Care.Core.Ids;
using Care.Core.Observations;

namespace Care.Hermes.Api;

/// <summary>Parses route and query values, naming the parameter in every error.</summary>
internal static class QueryText
{
    public static WearerId Wearer(string id) =>
        WearerId.TryParse(id, out var wearer) ? wearer : throw new InvalidInputException("id", $"not a valid wearer id ({IdText.Rule})");

    public static VitalSign? Code(string? code)
    {
        if (string.IsNullOrEmpty(code))
        {
            return null;
        }
        return ObservationCatalog.TryFind(code, out var type)
            ? type.Sign
            : throw new InvalidInputException("code", $"unknown LOINC code '{code}'; known: {string.Join(", ", ObservationCatalog.All.Select(t => t.Loinc))}");
    }

    public static Core.Events.PatchEventKind? Kind(string? kind)
    {
        if (string.IsNullOrEmpty(kind))
        {
            return null;
        }
        return Core.Events.PatchEventKinds.TryParse(kind, out var parsed)
            ? parsed
            : throw new InvalidInputException("kind", $"unknown event kind '{kind}'; known: {string.Join(", ", Core.Events.PatchEventKinds.All)}");
    }

    /// <summary>
    /// ISO 8601 only: a date-time with seconds and <c>Z</c> or an offset (fractions allowed), or a
    /// date meaning its midnight UTC. Locale forms such as <c>12/03/2026</c> are refused: they are
    /// ambiguous (3 December or 12 March), and a wrong guess reads the wrong part of a record.
    /// </summary>
    public static DateTimeOffset? Time(string? text, string name)
    {
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }
        return DateTimeOffset.TryParseExact(text, IsoFormats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var time)
            ? time
            : throw new InvalidInputException(name, $"'{text}' is not an ISO 8601 timestamp such as 2026-11-27T10:00:00Z (or a date such as 2026-11-27)");
    }

    private static readonly string[] IsoFormats =
    [
        "yyyy-MM-dd'T'HH:mm:ss'Z'",
        "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'",
        "yyyy-MM-dd'T'HH:mm:sszzz",
        "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFzzz",
        "yyyy-MM-dd",
    ];

    /// <summary>A ledger index to page after: absent means from the start (−1).</summary>
    public static long Index(string? text, string name)
    {
        if (string.IsNullOrEmpty(text))
        {
            return -1;
        }
        return long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out long n)
            ? n
            : throw new InvalidInputException(name, $"'{text}' is not a ledger index (a whole number from 0)");
    }

    public static int Limit(string? text, int fallback, int max)
    {
        if (string.IsNullOrEmpty(text))
        {
            return fallback;
        }
        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int n) && n >= 1 && n <= max
            ? n
            : throw new InvalidInputException("limit", $"must be a whole number from 1 to {max}");
    }
}
