using System.Globalization;

namespace Care.Hermes.Console.Html;

/// <summary>How the console writes times and numbers: UTC, ISO-like, invariant culture.</summary>
internal static class Formats
{
    /// <summary>A time as <c>2026-12-05 08:00 UTC</c>.</summary>
    public static string Time(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);

    /// <summary>A time, or a dash when absent.</summary>
    public static string Time(DateTimeOffset? time) => time is { } t ? Time(t) : "—";

    /// <summary>A number with <paramref name="decimals"/> decimals.</summary>
    public static string Number(double value, int decimals) => value.ToString("F" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
}
