using System.Text;
using Care.Core.Bundles;
using Care.Core.Errors;
using Care.Fuzzing.Engine;

namespace Care.Fuzzing.Targets;

/// <summary><see cref="BundleReader.Read"/>: the JSON wire format every upload passes. Refusal: <see cref="InvalidInputException"/>.</summary>
internal sealed class BundleReaderTarget : IFuzzTarget
{
    private static readonly DateTimeOffset Now = new(2026, 11, 27, 9, 0, 0, TimeSpan.Zero);

    public const string Example = """
        {"version":1,"bundleId":"3f2504e0-4f89-11d3-9a0c-0305e82c3301","patchId":"P-0001-3","wearerId":"W-0001","createdAt":"2026-11-27T08:30:00Z",
        "observations":[{"code":"8867-4","unit":"/min","time":"2026-11-27T08:00:00Z","value":72},{"code":"59408-5","unit":"%","time":"2026-11-27T08:00:00Z","value":97},
        {"code":"99504-3","unit":"mg/dL","time":"2026-11-27T08:00:00Z","value":143},{"code":"8310-5","unit":"Cel","time":"2026-11-27T08:01:00+01:00","value":36.9}],
        "doses":[{"time":"2026-11-27T08:00:00Z","drug":"insulin","unit":"U","basalUnitsPerHour":0.85,"durationMinutes":5,"bolusUnits":0,"reason":"controller-decision"}],
        "events":[{"kind":"atrial-fibrillation","start":"2026-11-27T08:03:10Z","end":"2026-11-27T08:21:40Z"},{"kind":"pause","start":"2026-11-27T08:25:02Z","value":2.8,"detail":"x"}]}
        """;

    public string Name => "bundle-reader";

    public IReadOnlyList<byte[]> Seeds { get; } =
    [
        Encoding.UTF8.GetBytes(Example),
        Encoding.UTF8.GetBytes("""{"version":1,"bundleId":"3f2504e0-4f89-11d3-9a0c-0305e82c3301","patchId":"P-0001-3","wearerId":"W-0001","createdAt":"2026-11-27T08:30:00Z","observations":[]}"""),
    ];

    public IReadOnlyList<byte[]> Dictionary { get; } = Tokens.Ascii(
        "\"version\":", "\"bundleId\":", "\"patchId\":", "\"wearerId\":", "\"createdAt\":", "\"observations\":", "\"doses\":", "\"events\":",
        "\"code\":", "\"unit\":", "\"time\":", "\"value\":", "\"kind\":", "\"start\":", "\"end\":", "\"detail\":", "\"drug\":", "\"reason\":",
        "\"basalUnitsPerHour\":", "\"durationMinutes\":", "\"bolusUnits\":", "null", "true", "[]", "{}", "\"\\u0000\"", "\"2026-11-27T08:00:00Z\"",
        "\"9999-12-31T23:59:59+14:00\"", "\"0001-01-01T00:00:00-14:00\"", "\"8867-4\"", "\"/min\"", "1e400", "-0.0", "\"\\ud800\"");

    public void Run(byte[] input) => BundleReader.Read(input, Now);

    public bool IsExpected(Exception exception) => exception is InvalidInputException;
}
