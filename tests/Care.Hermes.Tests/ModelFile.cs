using Care.Hermes.Risk;

namespace Care.Hermes.Tests;

/// <summary>The shipped sepsis model of this checkout (models/ above the test binaries).</summary>
internal static class ModelFile
{
    public static string Path { get; } = SepsisModelFiles.Locate(AppContext.BaseDirectory)
        ?? throw new InvalidOperationException("no models/sepsis-*.model above " + AppContext.BaseDirectory);
}
