using System.Text.Json;

namespace Care.Core.Bundles;

/// <summary>The property names of the version-1 bundle wire format.</summary>
internal static class BundleFields
{
    public static readonly JsonEncodedText Version = JsonEncodedText.Encode("version");
    public static readonly JsonEncodedText BundleId = JsonEncodedText.Encode("bundleId");
    public static readonly JsonEncodedText PatchId = JsonEncodedText.Encode("patchId");
    public static readonly JsonEncodedText WearerId = JsonEncodedText.Encode("wearerId");
    public static readonly JsonEncodedText CreatedAt = JsonEncodedText.Encode("createdAt");
    public static readonly JsonEncodedText Observations = JsonEncodedText.Encode("observations");
    public static readonly JsonEncodedText Code = JsonEncodedText.Encode("code");
    public static readonly JsonEncodedText Unit = JsonEncodedText.Encode("unit");
    public static readonly JsonEncodedText Time = JsonEncodedText.Encode("time");
    public static readonly JsonEncodedText Value = JsonEncodedText.Encode("value");
    public static readonly JsonEncodedText Doses = JsonEncodedText.Encode("doses");
    public static readonly JsonEncodedText Drug = JsonEncodedText.Encode("drug");
    public static readonly JsonEncodedText BasalUnitsPerHour = JsonEncodedText.Encode("basalUnitsPerHour");
    public static readonly JsonEncodedText DurationMinutes = JsonEncodedText.Encode("durationMinutes");
    public static readonly JsonEncodedText BolusUnits = JsonEncodedText.Encode("bolusUnits");
    public static readonly JsonEncodedText Reason = JsonEncodedText.Encode("reason");
    public static readonly JsonEncodedText Events = JsonEncodedText.Encode("events");
    public static readonly JsonEncodedText Kind = JsonEncodedText.Encode("kind");
    public static readonly JsonEncodedText Start = JsonEncodedText.Encode("start");
    public static readonly JsonEncodedText End = JsonEncodedText.Encode("end");
    public static readonly JsonEncodedText Detail = JsonEncodedText.Encode("detail");

    /// <summary>The only drug a dose record names.</summary>
    public const string Insulin = "insulin";

    /// <summary>The only unit of a dose record (UCUM <c>[iU]</c> written as the pump shows it).</summary>
    public const string InsulinUnit = "U";
}
