using System.Globalization;

namespace Care.Cli.Hosting;

/// <summary>
/// The culture of every printed table: invariant, with a ratio that is not defined (NaN: a
/// sensitivity on a record without AF, say) printed as <c>-</c> instead of <c>NaN</c>.
/// </summary>
public static class TableCulture
{
    /// <summary>Invariant culture whose NaN symbol is <c>-</c>.</summary>
    public static CultureInfo Invariant { get; } = Create();

    private static CultureInfo Create()
    {
        var culture = (CultureInfo)CultureInfo.InvariantCulture.Clone();
        culture.NumberFormat.NaNSymbol = "-";
        return CultureInfo.ReadOnly(culture);
    }
}
