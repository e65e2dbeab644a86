using System.Text;

namespace Care.Core.Tests.Bundles;

/// <summary>Builds bundle JSON for tests, valid by default, with one thing changed at a time.</summary>
internal static class BundleText
{
    public static readonly DateTimeOffset Now = new(2026, 11, 27, 12, 0, 0, TimeSpan.Zero);

    public const string Observation = """{"code":"8867-4","unit":"/min","time":"2026-11-27T11:00:00Z","value":72}""";

    public static string Valid(string? observations = null, string version = "1", string extra = "") => $$"""
        {"version":{{version}},"bundleId":"3f2504e0-4f89-11d3-9a0c-0305e82c3301","patchId":"P-1","wearerId":"W-1",
         "createdAt":"2026-11-27T11:30:00Z","observations":[{{observations ?? Observation}}]{{extra}}}
        """;

    public static byte[] Bytes(string text) => Encoding.UTF8.GetBytes(text);
}
