using System.Text.Json;
using Care.Testing;

namespace Care.Trust.Tests.Ledger;

/// <summary>Reads ../shared/data/transparency files (reference tree in hex, probes in base64).</summary>
internal static class TransparencyData
{
    public static JsonElement Load(string file)
    {
        var path = Path.Combine(SharedData.RequireFolder("transparency"), file);
        using var document = JsonDocument.Parse(File.ReadAllBytes(path));
        return document.RootElement.Clone();
    }

    public static byte[] Hex(this JsonElement e, string property) => Convert.FromHexString(e.GetProperty(property).GetString()!);

    public static byte[] B64(this JsonElement e, string property) =>
        e.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? Convert.FromBase64String(value.GetString()!) : [];

    public static List<byte[]> HexList(this JsonElement e, string property) =>
        [.. e.GetProperty(property).EnumerateArray().Select(x => Convert.FromHexString(x.GetString()!))];

    public static List<byte[]> B64List(this JsonElement e, string property) =>
        e.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.Array
            ? [.. value.EnumerateArray().Select(x => x.ValueKind == JsonValueKind.String ? Convert.FromBase64String(x.GetString()!) : [])]
            : [];

    public static byte[][] ReferenceLeaves() =>
        [.. Load("rfc6962_reference_tree_8.json").GetProperty("leaves_hex").EnumerateArray().Select(x => Convert.FromHexString(x.GetString()!))];
}
