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
}
