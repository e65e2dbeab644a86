using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Serialization;
using Care.Core.Ids;

namespace Care.Hermes.Interop.Nightscout;

/// <summary>One CGM reading as a Nightscout v1 <c>entries</c> document (type <c>sgv</c>).</summary>
/// <param name="Id">A stable 24-hex-digit id (Nightscout clients expect a MongoDB ObjectId's shape), derived from wearer and time.</param>
/// <param name="Sgv">Sensor glucose, mg/dL (rounded to a whole number, as Nightscout stores it).</param>
/// <param name="Date">Epoch milliseconds.</param>
/// <param name="DateString">The same instant, ISO 8601 UTC.</param>
/// <param name="Direction">The trend arrow from the slope (<see cref="NightscoutDirection"/>).</param>
/// <param name="Device">Where the reading came from.</param>
public sealed record NightscoutEntry(
    [property: JsonPropertyName("_id")] string Id,
    [property: JsonPropertyName("sgv")] int Sgv,
    [property: JsonPropertyName("date")] long Date,
    [property: JsonPropertyName("dateString")] string DateString,
    [property: JsonPropertyName("direction")] string Direction,
    [property: JsonPropertyName("device")] string Device)
{
    /// <summary>Always <c>sgv</c>.</summary>
    [JsonPropertyName("type")]
    public string Type => "sgv";

    /// <summary>Same as <see cref="DateString"/> (Nightscout keeps both).</summary>
    [JsonPropertyName("sysTime")]
    public string SysTime => DateString;

    /// <summary>Minutes east of UTC: Care keeps UTC.</summary>
    [JsonPropertyName("utcOffset")]
    public int UtcOffset => 0;

    /// <summary>The device name Care reports for a patch's CGM.</summary>
    public const string CareDevice = "care-patch";

    /// <summary>The entry for a reading.</summary>
    public static NightscoutEntry From(WearerId wearer, DateTimeOffset time, double mgPerDl, string direction) => new(
        ObjectId("entry", wearer, time),
        (int)Math.Round(mgPerDl, MidpointRounding.AwayFromZero),
        time.ToUnixTimeMilliseconds(),
        Iso(time),
        direction,
        CareDevice);

    /// <summary>A 24-hex-digit id from SHA-256 of kind, wearer and time: the same document always has the same id.</summary>
    public static string ObjectId(string kind, WearerId wearer, DateTimeOffset time) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{kind}|{wearer.Value}|{time.ToUnixTimeMilliseconds()}")))[..24];

    /// <summary>ISO 8601 UTC with milliseconds, as JavaScript's <c>toISOString</c> writes it.</summary>
    public static string Iso(DateTimeOffset time) => time.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    /// <summary>The tab-separated line Nightscout answers when JSON is not asked for: each field JSON-encoded, in the order dateString, date, sgv, direction, device.</summary>
    public string ToTsvLine() => string.Create(CultureInfo.InvariantCulture, $"\"{DateString}\"\t{Date}\t{Sgv}\t\"{Direction}\"\t\"{Device}\"");
}
