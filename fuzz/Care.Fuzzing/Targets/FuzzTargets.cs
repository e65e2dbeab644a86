using Care.Fuzzing.Engine;

namespace Care.Fuzzing.Targets;

/// <summary>Every fuzz target by name.</summary>
internal static class FuzzTargets
{
    public static IReadOnlyList<string> Names { get; } =
        ["bundle-reader", "sealed-bundle", "wfdb-header", "wfdb-signal", "wfdb-annotation", "sepsis-archive", "sepsis-tar"];

    /// <summary>A new instance of target <paramref name="name"/> (targets keep state; one per runner).</summary>
    public static IFuzzTarget Create(string name) => name switch
    {
        "bundle-reader" => new BundleReaderTarget(),
        "sealed-bundle" => new SealedBundleTarget(),
        "wfdb-header" => new WfdbHeaderTarget(),
        "wfdb-signal" => new WfdbSignalTarget(),
        "wfdb-annotation" => new WfdbAnnotationTarget(),
        "sepsis-archive" => new SepsisArchiveTarget(),
        "sepsis-tar" => new SepsisTarTarget(),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, $"unknown target; one of {string.Join(", ", Names)}"),
    };
}
